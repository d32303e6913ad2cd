package io.virtforge.testkit;

import io.virtforge.host.SysfsPath;
import java.util.ArrayList;
import java.util.List;

/** Every write made to a {@link FakeSysfs}, in order, for assertions. */
public final class WriteLog {
    private final List<WriteRecord> records = new ArrayList<>();

    synchronized void add(WriteRecord record) {
        records.add(record);
    }

    /** All writes so far, oldest first. */
    public synchronized List<WriteRecord> all() {
        return List.copyOf(records);
    }

    /** The writes to one path (named as written or with links resolved), oldest first. */
    public synchronized List<WriteRecord> to(SysfsPath path) {
        return records.stream().filter(r -> r.isTo(path)).toList();
    }

    /** The values successfully written to one path, oldest first. */
    public synchronized List<String> valuesWrittenTo(SysfsPath path) {
        return records.stream().filter(r -> r.isTo(path) && r.succeeded()).map(WriteRecord::value).toList();
    }

    /** Forgets every write. */
    public synchronized void clear() {
        records.clear();
    }

    @Override
    public synchronized String toString() {
        return records.toString();
    }
}
