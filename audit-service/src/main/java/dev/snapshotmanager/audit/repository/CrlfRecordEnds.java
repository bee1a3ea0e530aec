package dev.snapshotmanager.audit.repository;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns the LF record ends of PostgreSQL's CSV output into RFC 4180's CRLF. PostgreSQL quotes every value that holds
 * a quote, a comma, CR or LF (and doubles inner quotes), so a LF outside quotes always ends a record, and the line
 * breaks inside quoted values pass unchanged. Works on UTF-8 bytes (quote and LF are single bytes there).
 */
final class CrlfRecordEnds extends FilterOutputStream {

    private boolean quoted;

    CrlfRecordEnds(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '"') {
            quoted = !quoted;
        } else if (b == '\n' && !quoted) {
            out.write('\r');
        }
        out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n' && !quoted) {
                out.write(bytes, start, i - start);
                out.write('\r');
                start = i;
            }
        }
        out.write(bytes, start, end - start);
    }
}
