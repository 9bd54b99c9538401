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
        public String form() {
            return document.form();
        }

        @Override
        public double objective() {
            return document.objective();
        }

        @Override
        public int runsUsed() {
            return document.runsUsed();
        }

        @Override
        public Object result() {
            return document;
        }

        @Override
        public StoredFit saved(long id, Instant createdAt) {
            return new LawFit(header.saved(id, createdAt), document);
        }

        @Override
        public <R> R match(Function<LawFit, R> law, Function<IsoFlop, R> isoflop, Function<Downstream, R> downstream) {
            return law.apply(this);
        }
    }

    /** An IsoFLOP analysis (Hoffmann et al. 2022, Approach 2). */
    record IsoFlop(Header header, IsoFlopAnalysis analysis) implements StoredFit {

        @Override
        public String form() {
            return FitForms.ISOFLOP;
        }

        @Override
        public double objective() {
            return analysis.sumOfSquares();
        }

        @Override
        public int runsUsed() {
            return analysis.runsUsed();
        }

        @Override
        public Object result() {
            return analysis;
        }

        @Override
        public StoredFit saved(long id, Instant createdAt) {
            return new IsoFlop(header.saved(id, createdAt), analysis);
        }

        @Override
        public <R> R match(Function<LawFit, R> law, Function<IsoFlop, R> isoflop, Function<Downstream, R> downstream) {
            return isoflop.apply(this);
        }
    }

    /** A run metric fitted against the loss. */
    record Downstream(Header header, DownstreamFit fit) implements StoredFit {

        @Override
        public String form() {
            return FitForms.DOWNSTREAM;
        }

        /** Half the sum of squared residuals, as the law fits' least-squares objective. */
        @Override
        public double objective() {
            return fit.runsUsed() * fit.rmse() * fit.rmse() / 2;
        }

        @Override
        public int runsUsed() {
            return fit.runsUsed();
        }

        @Override
        public Object result() {
            return fit;
        }

        @Override
        public StoredFit saved(long id, Instant createdAt) {
            return new Downstream(header.saved(id, createdAt), fit);
        }

        @Override
        public <R> R match(Function<LawFit, R> law, Function<IsoFlop, R> isoflop, Function<Downstream, R> downstream) {
            return downstream.apply(this);
        }
    }

    Header header();

    /** The form id stored in the {@code form} column. */
    String form();

    double objective();

    int runsUsed();

    /** The document stored as JSON in the {@code result} column. */
    Object result();

    /** This fit as stored under {@code id}. */
    StoredFit saved(long id, Instant createdAt);

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
