package dev.scaleplan.runs;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The columns of a stored run, one line each, in the order of the CSV export. Upload staging (COPY), the
 * conflict check, the content hash, the insert, the select and the CSV export/import header all derive from
 * this list. The SQL name is the constant's name in lower case, the {@link Run}/{@link RunInput}/CSV field
 * its camel case. Adding a column: one line here, the component in {@link Run} and {@link RunInput}, the
 * check in {@link RunRow} and the migration.
 */
enum RunColumn {
    ID(Type.ID, null, Use.EXPORTED),
    EXTERNAL_ID(Type.TEXT, (run, k) -> run.externalId(), Use.CSV),
    PARAMETERS(Type.REAL, (run, k) -> run.parameters(), Use.CSV),
    TOKENS(Type.REAL, (run, k) -> run.tokens(), Use.CSV),
    LOSS(Type.REAL, (run, k) -> run.loss(), Use.CSV),
    /** Derived flops follow the project's flopsPerToken at the time, so only given flops identify a run. */
    FLOPS(Type.REAL, (run, k) -> run.flopsOrDefault(k), Use.CSV) {
        @Override
        String sameAs() {
            return "(r.flops = s.flops OR NOT (r.flops_given OR s.flops_given))";
        }
    },
    ACTIVE_PARAMETERS(Type.OPTIONAL_REAL, (run, k) -> run.activeParameters(), Use.CSV),
    UNIQUE_TOKENS(Type.OPTIONAL_REAL, (run, k) -> run.uniqueTokens(), Use.CSV),
    DATASET(Type.TEXT, (run, k) -> run.dataset(), Use.CSV),
    LEARNING_RATE(Type.OPTIONAL_REAL, (run, k) -> run.learningRate(), Use.CSV),
    BATCH_SIZE(Type.OPTIONAL_BIGINT, (run, k) -> run.batchSize(), Use.CSV),
    EXPERTS(Type.COUNT, (run, k) -> run.experts(), Use.CSV),
    TOTAL_PARAMETERS(Type.REAL, (run, k) -> run.totalParameters(), Use.CSV),
    CREATED_AT(Type.TIMESTAMP, null, Use.EXPORTED),
    /** The model's shape for the counting conventions (docs/conventions.md); after createdAt, so older columns keep their place. */
    EMBEDDING_PARAMETERS(Type.OPTIONAL_REAL, (run, k) -> run.embeddingParameters(), Use.CSV),
    LAYERS(Type.OPTIONAL_BIGINT, (run, k) -> run.layers(), Use.CSV),
    CONTEXT_LENGTH(Type.OPTIONAL_BIGINT, (run, k) -> run.contextLength(), Use.CSV),
    WIDTH(Type.OPTIONAL_BIGINT, (run, k) -> run.width(), Use.CSV),
    TAGS(Type.TAGS, (run, k) -> run.tags(), Use.SELECTED),
    METRICS(Type.METRICS, (run, k) -> run.metrics(), Use.SELECTED),
    FLOPS_GIVEN(Type.FLAG, (run, k) -> run.flops() != null, Use.STORED) {
        @Override
        String sameAs() {
            return null;
        }
    };

    /**
     * The content hash of V25's {@code run_content_hash}, which stays the identity of runs stored since; a column
     * added after it joins the hash only when it holds a value, so a run stored before keeps its identity.
     */
    private static final String HASH = "run_content_hash(parameters, tokens, flops, flops_given, loss, "
            + "active_parameters, unique_tokens, dataset, tags, metrics, learning_rate, batch_size, experts, "
            + "total_parameters)";
    private static final Set<RunColumn> HASHED = EnumSet.of(PARAMETERS, TOKENS, FLOPS, FLOPS_GIVEN, LOSS,
            ACTIVE_PARAMETERS, UNIQUE_TOKENS, DATASET, TAGS, METRICS, LEARNING_RATE, BATCH_SIZE, EXPERTS,
            TOTAL_PARAMETERS);

    /** Columns an upload fills, in COPY order. */
    static final List<RunColumn> STAGED = Arrays.stream(values()).filter(c -> c.staged != null).toList();
    /** Columns a {@link Run} is read from. */
    static final List<RunColumn> SELECTED = Arrays.stream(values()).filter(c -> c.use != Use.STORED).toList();
    /** The fixed columns of the CSV export, in order. */
    static final List<RunColumn> EXPORTED = Arrays.stream(values())
            .filter(c -> c.use == Use.EXPORTED || c.use == Use.CSV).toList();
    /** The fixed columns an uploaded CSV may carry. */
    static final List<String> CSV_FIELDS = Arrays.stream(values()).filter(c -> c.use == Use.CSV)
            .map(c -> c.field).toList();

    private static final MethodHandle RUN = canonicalConstructor();
    private static final int[] RUN_ARGUMENTS = Arrays.stream(Run.class.getRecordComponents())
            .mapToInt(component -> SELECTED.indexOf(byField(component.getName()))).toArray();

    final String column = name().toLowerCase();
    final String field = camelCase(column);
    private final Type type;
    private final Staged staged;
    private final Use use;
    private final MethodHandle getter;

    RunColumn(Type type, Staged staged, Use use) {
        this.type = type;
        this.staged = staged;
        this.use = use;
        this.getter = use == Use.STORED ? null : runAccessor(camelCase(name().toLowerCase()));
    }

    /** The uploaded run's value of this column; maps stay maps (the writer turns them into JSON). */
    Object staged(RunInput run, double flopsPerToken) {
        return staged.value(run, flopsPerToken);
    }

    /** The staging table's column definition. */
    String definition() {
        return column + " " + type.sql;
    }

    /** The condition that a stored run {@code r} and a staged one {@code s} agree on this column, or null. */
    String sameAs() {
        return "r." + column + " IS NOT DISTINCT FROM s." + column;
    }

    /** This column's value of a stored run. */
    Object valueOf(Run run) {
        try {
            return getter.invoke(run);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    static String names(List<RunColumn> columns) {
        return columns.stream().map(c -> c.column).collect(Collectors.joining(", "));
    }

    /** The SQL expression of a staged run's content hash (its identity when it has no externalId). */
    static String contentHash() {
        return contentHash(STAGED.stream().filter(c -> c != EXTERNAL_ID && !HASHED.contains(c)).toList());
    }

    /** The content hash when {@code added} are the columns added since V25. */
    static String contentHash(List<RunColumn> added) {
        if (added.isEmpty()) {
            return HASH;
        }
        return "CASE WHEN " + added.stream().map(c -> c.column + " IS NULL").collect(Collectors.joining(" AND "))
                + " THEN " + HASH + " ELSE md5(" + HASH + added.stream()
                .map(c -> " || '|' || coalesce(" + c.column + "::text, '-')").collect(Collectors.joining()) + ") END";
    }

    /** Reads a {@link Run} from a row holding the {@link #SELECTED} columns. */
    static Run read(ResultSet rs, JsonMapper json) throws SQLException {
        Object[] values = new Object[SELECTED.size()];
        for (int i = 0; i < values.length; i++) {
            RunColumn column = SELECTED.get(i);
            values[i] = column.type.reader.read(rs, column.column, json);
        }
        Object[] arguments = new Object[RUN_ARGUMENTS.length];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = values[RUN_ARGUMENTS[i]];
        }
        try {
            return (Run) RUN.invokeWithArguments(arguments);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot build a run", e);
        }
    }

    private static RunColumn byField(String field) {
        return Arrays.stream(values()).filter(c -> c.field.equals(field) && c.use != Use.STORED).findFirst()
                .orElseThrow(() -> new IllegalStateException("Run." + field + " has no RunColumn"));
    }

    private static String camelCase(String column) {
        StringBuilder field = new StringBuilder();
        for (String word : column.split("_")) {
            field.append(field.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return field.toString();
    }

    private static MethodHandle runAccessor(String field) {
        try {
            return MethodHandles.lookup().unreflect(Run.class.getMethod(field));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Run has no component " + field, e);
        }
    }

    private static MethodHandle canonicalConstructor() {
        Class<?>[] types = Arrays.stream(Run.class.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            return MethodHandles.lookup().unreflectConstructor(Run.class.getDeclaredConstructor(types));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a column appears besides the insert. */
    private enum Use {
        /** Uploaded, stored, read into {@link Run}, a fixed CSV column both ways. */
        CSV,
        /** Read into {@link Run} and exported, never uploaded. */
        EXPORTED,
        /** Uploaded and read into {@link Run}, not a fixed CSV column (tags and metrics have their own). */
        SELECTED,
        /** Uploaded and stored only. */
        STORED
    }

    @FunctionalInterface
    private interface Staged {
        Object value(RunInput run, double flopsPerToken);
    }

    @FunctionalInterface
    private interface Reader {
        Object read(ResultSet rs, String column, JsonMapper json) throws SQLException;
    }

    private enum Type {
        ID("bigint", (rs, c, json) -> rs.getLong(c)),
        TEXT("text", (rs, c, json) -> rs.getString(c)),
        REAL("double precision", (rs, c, json) -> rs.getDouble(c)),
        OPTIONAL_REAL("double precision", (rs, c, json) -> rs.getObject(c, Double.class)),
        OPTIONAL_BIGINT("bigint", (rs, c, json) -> rs.getObject(c, Long.class)),
        COUNT("integer", (rs, c, json) -> rs.getLong(c)),
        FLAG("boolean", (rs, c, json) -> rs.getBoolean(c)),
        TIMESTAMP("timestamptz", (rs, c, json) -> rs.getTimestamp(c).toInstant()),
        TAGS("jsonb", (rs, c, json) -> json.readValue(rs.getString(c), new TypeReference<Map<String, String>>() { })),
        METRICS("jsonb", (rs, c, json) -> json.readValue(rs.getString(c), new TypeReference<Map<String, Double>>() { }));

        private final String sql;
        private final Reader reader;

        Type(String sql, Reader reader) {
            this.sql = sql;
            this.reader = reader;
        }
    }
}
