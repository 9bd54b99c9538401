package dev.scaleplan.bench;

import dev.scaleplan.fitting.FitData;
import dev.scaleplan.fitting.SyntheticRuns;

/**
 * Prints the 240-run benchmark data set ({@link SyntheticRuns#benchmark()}) as CSV, every number in its
 * shortest round-trip form, so that {@code scripts/scipy-grid.py} fits exactly the runs the JMH
 * benchmarks fit. Not a test: {@code scripts/bench-fit.sh} runs it.
 */
public final class BenchmarkRuns {

    private BenchmarkRuns() {
    }

    public static void main(String[] args) {
        FitData data = SyntheticRuns.benchmark();
        StringBuilder csv = new StringBuilder("parameters,tokens,loss\n");
        for (int i = 0; i < data.size(); i++) {
            csv.append(data.parameters()[i]).append(',').append(data.tokens()[i]).append(',').append(data.loss()[i])
                    .append('\n');
        }
        System.out.print(csv);
    }
}
