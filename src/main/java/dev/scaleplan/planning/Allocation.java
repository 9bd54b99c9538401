package dev.scaleplan.planning;

/**
 * One training run: {@code parameters} N trained on {@code tokens} D for {@code flops} C,
 * with the {@code loss} the law predicts for it. All four are finite and positive.
 *
 * @param parameters model size N
 * @param tokens training tokens D
 * @param flops training compute C (k·N·D)
 * @param loss predicted final loss
 */
public record Allocation(double parameters, double tokens, double flops, double loss) implements PlanResult {

    public Allocation {
        Checks.positive(parameters, "parameters");
        Checks.positive(tokens, "tokens");
        Checks.positive(flops, "flops");
        Checks.nonNegative(loss, "loss");
    }

    /** D/N; about 20 for a Chinchilla-optimal model. */
    public double tokensPerParameter() {
        return tokens / parameters;
    }

    @Override
    public Allocation allocation() {
        return this;
    }
}
