package cn.insurer.archive.report;

import java.io.IOException;
import java.util.List;

/** Receives a register's rows one at a time, so no register is ever held in memory whole. */
public interface RowSink extends AutoCloseable {

    void row(List<String> cells) throws IOException;

    /** Writes what is buffered and finishes the document. */
    @Override
    void close() throws IOException;
}
