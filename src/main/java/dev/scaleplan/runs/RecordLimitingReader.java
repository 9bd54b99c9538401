package dev.scaleplan.runs;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Fails as soon as one CSV record (a line, or several when a quoted cell holds newlines) grows
 * beyond a limit, before the CSV parser has buffered it: one giant cell or row cannot fill the heap.
 */
final class RecordLimitingReader extends FilterReader {

    /** A record exceeded the limit. */
    static final class RecordTooLongException extends IOException {
        RecordTooLongException() {
            super("CSV record too long");
        }
    }

    private final int limit;
    private int length;
    private boolean quoted;

    RecordLimitingReader(Reader in, int limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    /** RFC 4180: a quote toggles quoting (an escaped "" toggles twice); a newline outside quotes ends the record. */
    private void see(char c) throws RecordTooLongException {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == '\n' && !quoted) {
            length = 0;
            return;
        }
        if (++length > limit) {
            throw new RecordTooLongException();
        }
    }
}
