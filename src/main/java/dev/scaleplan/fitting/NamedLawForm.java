package dev.scaleplan.fitting;

import java.util.List;

/** A law form's identity, fixed when it is made: its API id and its natural parameter names. */
abstract class NamedLawForm implements LawForm {

    private final String id;
    private final List<String> parameterNames;

    NamedLawForm(String id, List<String> parameterNames) {
        this.id = id;
        this.parameterNames = parameterNames;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final List<String> parameterNames() {
        return parameterNames;
    }
}
