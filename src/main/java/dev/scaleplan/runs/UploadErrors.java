package dev.scaleplan.runs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.scaleplan.web.ApiException;
import dev.scaleplan.web.ProblemError;
import dev.scaleplan.web.ProblemType;

/** Collects per-row errors of one upload; keeps the first hundred and counts the rest. */
final class UploadErrors {

    private final List<ProblemError> reported = new ArrayList<>();
    private final Set<String> failedFields = new HashSet<>();
    private int total;

    void add(int row, String field, String message) {
        total++;
        failedFields.add(row + "/" + field);
        if (reported.size() < RunLimits.MAX_REPORTED_ERRORS) {
            reported.add(ProblemError.row(row, field, message));
        }
    }

    boolean failed(int row, String field) {
        return failedFields.contains(row + "/" + field);
    }

    boolean isEmpty() {
        return total == 0;
    }

    int total() {
        return total;
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
