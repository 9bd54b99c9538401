package dev.scaleplan.runs;

import java.util.ArrayList;
import java.util.List;

import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemError;
import dev.scaleplan.web.ProblemType;

/** Collects per-row errors of one upload; keeps the first hundred and counts the rest. */
final class UploadErrors {

    private final List<ProblemError> reported = new ArrayList<>();
    private long total;

    void add(int row, String field, String message) {
        total++;
        if (reported.size() < RunLimits.MAX_REPORTED_ERRORS) {
            reported.add(ProblemError.row(row, field, message));
        }
    }

    boolean isEmpty() {
        return total == 0;
    }

    /** Throws a 400 naming every reported row when anything was wrong. */
    void throwIfAny(int rows) {
        if (total == 0) {
            return;
        }
        String more = total > reported.size() ? " (the first " + reported.size() + " are listed)" : "";
        throw new ApiException(ProblemType.VALIDATION,
                "The upload of " + rows + " run(s) was rejected with " + total + " error(s)" + more
                        + "; nothing was stored", reported);
    }
}
