package dev.scaleplan.fits;

import java.time.Instant;
import java.util.function.Function;

import dev.scaleplan.fitting.DownstreamFit;
import dev.scaleplan.fitting.IsoFlopAnalysis;

/**
 * A fit as kept in the {@code fit} table: a law fit, an IsoFLOP analysis or a downstream fit, each with
 * the same bookkeeping ({@link Header}). Callers branch on the kind through {@link #match} only.
 */
sealed interface StoredFit permits StoredFit.LawFit, StoredFit.IsoFlop, StoredFit.Downstream {

    /** What every stored fit carries besides its result; {@code id} 0 and no {@code createdAt} before it is stored. */
    record Header(long id, String projectId, long dataRevision, long durationMs, FitRequest request,
                  Instant createdAt) {

        static Header unsaved(String projectId, long dataRevision, long durationMs, FitRequest request) {
            return new Header(0, projectId, dataRevision, durationMs, request, null);
        }

        Header saved(long id, Instant createdAt) {
            return new Header(id, projectId, dataRevision, durationMs, request, createdAt);
        }
    }

    /** A loss law fitted to runs; {@code document} lacks draws and residuals when read as a summary. */
    record LawFit(Header header, FitDocument document) implements StoredFit {

        @Override
        public <R> R match(Function<LawFit, R> law, Function<IsoFlop, R> isoflop, Function<Downstream, R> downstream) {
            return law.apply(this);
        }
    }

    /** An IsoFLOP analysis (Hoffmann et al. 2022, Approach 2). */
    record IsoFlop(Header header, IsoFlopAnalysis analysis) implements StoredFit {

        @Override
        public <R> R match(Function<LawFit, R> law, Function<IsoFlop, R> isoflop, Function<Downstream, R> downstream) {
            return isoflop.apply(this);
        }
    }

    /** A run metric fitted against the loss. */
    record Downstream(Header header, DownstreamFit fit) implements StoredFit {

        @Override
        public <R> R match(Function<LawFit, R> law, Function<IsoFlop, R> isoflop, Function<Downstream, R> downstream) {
            return downstream.apply(this);
        }
    }

    Header header();

    /** The form id stored in the {@code form} column. */
    default String form() {
        return match(law -> law.document().form(), isoflop -> FitForms.ISOFLOP, downstream -> FitForms.DOWNSTREAM);
    }

    /** The objective at the optimum; for a downstream fit half its sum of squared residuals. */
    default double objective() {
        return match(law -> law.document().objective(), isoflop -> isoflop.analysis().sumOfSquares(),
                downstream -> downstream.fit().runsUsed() * downstream.fit().rmse() * downstream.fit().rmse() / 2);
    }

    default int runsUsed() {
        return match(law -> law.document().runsUsed(), isoflop -> isoflop.analysis().runsUsed(),
                downstream -> downstream.fit().runsUsed());
    }

    /** The document stored as JSON in the {@code result} column. */
    default Object result() {
        return match(LawFit::document, IsoFlop::analysis, Downstream::fit);
    }

    /** This fit as stored under {@code id}. */
    default StoredFit saved(long id, Instant createdAt) {
        Header saved = header().saved(id, createdAt);
        return match(law -> new LawFit(saved, law.document()), isoflop -> new IsoFlop(saved, isoflop.analysis()),
                downstream -> new Downstream(saved, downstream.fit()));
    }

    /** The one dispatch on the kind of fit. */
    <R> R match(Function<LawFit, R> law, Function<IsoFlop, R> isoflop, Function<Downstream, R> downstream);

    default long id() {
        return header().id();
    }

    default String projectId() {
        return header().projectId();
    }

    default long dataRevision() {
        return header().dataRevision();
    }

    default long durationMs() {
        return header().durationMs();
    }

    default FitRequest request() {
        return header().request();
    }

    default Instant createdAt() {
        return header().createdAt();
    }

    /** Whether the project's runs changed since this fit was made. */
    default boolean staleAt(long currentRevision) {
        return dataRevision() != currentRevision;
    }
}
