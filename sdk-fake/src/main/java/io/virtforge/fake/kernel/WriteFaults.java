package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.Errno;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * Faults to inject into a {@link FakeSysfs}: writes that fail with a chosen errno (every write to a path,
 * or only its Nth write from now on), and SR-IOV physical functions whose driver enables fewer VFs than
 * asked. A failed write has no effect, as when the kernel refuses it. A path matches whether it is named
 * as written or through links ({@code /sys/bus/pci/devices/X/...} and {@code /sys/devices/.../X/...}).
 */
public final class WriteFaults {
    private final List<Rule> rules = new ArrayList<>();
    private final Map<PciAddress, Integer> sriovLimits = new HashMap<>();

    private static final class Rule {
        final SysfsPath path;
        final Errno errno;
        final int nth;
        int seen;

        Rule(SysfsPath path, Errno errno, int nth) {
            this.path = path;
            this.errno = errno;
            this.nth = nth;
        }
    }

    /** Every write to {@code path} from now on fails with {@code errno}. */
    public synchronized WriteFaults failEveryWrite(SysfsPath path, Errno errno) {
        rules.add(new Rule(path, errno, 0));
        return this;
    }

    /** The {@code nth} write (1 is the next one) to {@code path} from now on fails with {@code errno}; the others succeed. */
    public synchronized WriteFaults failNthWrite(SysfsPath path, int nth, Errno errno) {
        if (nth < 1) {
            throw new IllegalArgumentException("nth counts from 1: " + nth);
        }
        rules.add(new Rule(path, errno, nth));
        return this;
    }

    /** The next write to {@code path} fails with {@code errno}. */
    public WriteFaults failNextWrite(SysfsPath path, Errno errno) {
        return failNthWrite(path, 1, errno);
    }

    /**
     * A partial SR-IOV enable: writing N to the physical function's {@code sriov_numvfs} succeeds but enables
     * only {@code maxVfs} VFs when N is larger, as a driver short of resources does.
     */
    public synchronized WriteFaults limitSriovVfs(PciAddress physicalFunction, int maxVfs) {
        sriovLimits.put(physicalFunction, maxVfs);
        return this;
    }

    /** Removes every fault. */
    public synchronized void clear() {
        rules.clear();
        sriovLimits.clear();
    }

    /** Counts a write to a path and says whether it must fail; {@code canonical} resolves links. */
    synchronized Optional<Errno> onWrite(SysfsPath resolvedPath, UnaryOperator<SysfsPath> canonical) {
        Optional<Errno> failure = Optional.empty();
        for (Rule rule : rules) {
            if (!canonical.apply(rule.path).equals(resolvedPath)) {
                continue;
            }
            rule.seen++;
            boolean fires = rule.nth == 0 || rule.seen == rule.nth;
            if (fires && failure.isEmpty()) {
                failure = Optional.of(rule.errno);
            }
        }
        return failure;
    }

    synchronized OptionalInt sriovLimit(PciAddress physicalFunction) {
        Integer limit = sriovLimits.get(physicalFunction);
        return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
    }
}
