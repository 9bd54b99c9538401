package dev.scaleplan.keys;

import java.util.Locale;

/**
 * What a key may do. Scopes nest: {@code admin} includes {@code write}, which includes
 * {@code read}.
 */
public enum Scope {
    /** Read projects, runs, fits, plans and the accelerator catalogue. */
    READ,
    /** Also create, change and delete projects, runs, fits and plans. */
    WRITE,
    /** Also manage API keys. */
    ADMIN;

    public String authority() {
        return "SCOPE_" + name().toLowerCase(Locale.ROOT);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String text) {
        return Scope.valueOf(text.toUpperCase(Locale.ROOT));
    }
}
