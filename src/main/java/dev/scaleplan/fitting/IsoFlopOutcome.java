package dev.scaleplan.fitting;

import java.util.List;
import java.util.Objects;

/** What an IsoFLOP analysis returns: the analysis, or why there is none (with the budgets it found). */
public sealed interface IsoFlopOutcome permits IsoFlopAnalysis, IsoFlopOutcome.Failure {

    /**
     * Too few usable budgets (or invalid data).
     *
     * @param message    what is missing, in words
     * @param budgets    every budget found, usable or excluded with its reason
     * @param runsLeftOut runs in no budget
     */
    record Failure(String message, List<IsoFlopAnalysis.Budget> budgets, List<IsoFlopAnalysis.LeftOutRun> runsLeftOut)
            implements IsoFlopOutcome {
        public Failure {
            Objects.requireNonNull(message, "message");
            budgets = List.copyOf(budgets);
            runsLeftOut = List.copyOf(runsLeftOut);
        }
    }
}
