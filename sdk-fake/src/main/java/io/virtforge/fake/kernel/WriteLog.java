package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.SysfsPath;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Every write made to a {@link FakeSysfs}, in order, for assertions. */
public final class WriteLog {
    private final List<WriteRecord> records = new ArrayList<>();
    private final UnaryOperator<SysfsPath> canonical;

    WriteLog(UnaryOperator<SysfsPath> canonical) {
        this.canonical = canonical;
    }

    synchronized void add(WriteRecord record) {
        records.add(record);
    }

    /** All writes so far, oldest first. */
    public synchronized List<WriteRecord> all() {
        return List.copyOf(records);
    }

    /** The writes to one file, however either side named it (through links or not), oldest first. */
    public List<WriteRecord> to(SysfsPath path) {
        SysfsPath resolved = canonical.apply(path); // outside this log's lock: it takes the fake's
        synchronized (this) {
            return records.stream().filter(r -> r.isTo(path) || r.isTo(resolved)).toList();
        }
    }

    /** The values successfully written to one file, oldest first. */
    public List<String> valuesWrittenTo(SysfsPath path) {
        return to(path).stream().filter(WriteRecord::succeeded).map(WriteRecord::value).toList();
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
