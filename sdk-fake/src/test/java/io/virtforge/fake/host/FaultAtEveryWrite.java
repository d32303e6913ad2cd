package io.virtforge.fake.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.HostChangeException;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.kernel.SysfsSnapshot;
import io.virtforge.fake.kernel.WriteRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a host change once cleanly to learn which files it writes and how often, then once per write with
 * that write failing ({@code failNthWrite(path, n, EIO)}) on a fresh host: each run must throw
 * {@link HostChangeException}, report a complete rollback, and leave the whole tree as it found it.
 */
final class FaultAtEveryWrite {
    private FaultAtEveryWrite() {
    }

    /** Checks the change; returns how many faults were injected. */
    static int check(Supplier<FakeSysfs> host, Consumer<FakeSysfs> change) {
        FakeSysfs clean = host.get();
        change.accept(clean);
        Map<SysfsPath, Integer> writes = new LinkedHashMap<>();
        for (WriteRecord r : clean.writeLog().all()) {
            assertThat(r.succeeded()).as("clean run: %s", r).isTrue();
            writes.merge(r.resolvedPath(), 1, Integer::sum);
        }
        assertThat(writes).as("the change writes something").isNotEmpty();
        int faults = 0;
        for (Map.Entry<SysfsPath, Integer> e : writes.entrySet()) {
            for (int n = 1; n <= e.getValue(); n++) {
                FakeSysfs sysfs = host.get();
                SysfsSnapshot before = SysfsSnapshot.capture(sysfs, SysfsPath.ROOT);
                sysfs.faults().failNthWrite(e.getKey(), n, Errno.EIO);
                HostChangeException failure = catchThrowableOfType(HostChangeException.class, () -> change.accept(sysfs));
                String step = "write " + n + " to " + e.getKey();
                assertThat(failure).as("failure at %s", step).isNotNull();
                assertThat(failure.rolledBack()).as("rolled back after %s: %s", step, failure.rollbackFailures())
                        .isTrue();
                SysfsSnapshot after = SysfsSnapshot.capture(sysfs, SysfsPath.ROOT);
                assertThat(after.files()).as("files after %s; writes %s", step, sysfs.writeLog())
                        .isEqualTo(before.files());
                assertThat(after.links()).as("links after %s", step).isEqualTo(before.links());
                assertThat(after.directories()).as("folders after %s", step).isEqualTo(before.directories());
                faults++;
            }
        }
        return faults;
    }
}
