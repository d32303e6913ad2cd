package io.virtforge.host.hugepages;

import io.virtforge.host.sysfs.HugePagePaths;
import io.virtforge.host.sysfs.NodePaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every huge page pool of a {@link Sysfs} back as it was before each test, whether the test passed, failed
 * an assertion or threw: a test that grows the real kernel's pools must not leave the machine with memory
 * reserved. Register it with {@code @RegisterExtension}. The per-node pools are restored before the global
 * ones, because a global count is their sum and writing it first would spread the pages over the nodes anew.
 */
final class HugePagePoolsRestored implements BeforeEachCallback, AfterEachCallback {
    private static final Logger LOG = LoggerFactory.getLogger(HugePagePoolsRestored.class);
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(HugePagePoolsRestored.class);
    private final Sysfs sysfs;

    HugePagePoolsRestored(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put(context.getUniqueId(), snapshot());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        Map<SysfsPath, String> before = context.getStore(NS).remove(context.getUniqueId(), Map.class);
        if (before != null) {
            restore(before);
        }
    }

    /** The {@code nr_hugepages} of every per-node pool, then of every global pool. */
    Map<SysfsPath, String> snapshot() {
        Map<SysfsPath, String> counts = new LinkedHashMap<>();
        List<SysfsPath> pools = new ArrayList<>();
        if (sysfs.isDirectory(NodePaths.NODES)) {
            for (String node : sysfs.list(NodePaths.NODES)) {
                SysfsPath dir = NodePaths.NODES.resolve(node, "hugepages");
                if (node.matches("node\\d+") && sysfs.isDirectory(dir)) {
                    sysfs.list(dir).forEach(p -> pools.add(dir.resolve(p)));
                }
            }
        }
        if (sysfs.isDirectory(HugePagePaths.GLOBAL)) {
            sysfs.list(HugePagePaths.GLOBAL).forEach(p -> pools.add(HugePagePaths.GLOBAL.resolve(p)));
        }
        for (SysfsPath pool : pools) {
            SysfsPath nr = pool.resolve("nr_hugepages");
            sysfs.readTrimmedIfExists(nr).ifPresent(v -> counts.put(nr, v));
        }
        return counts;
    }

    /** Writes back every count that differs; fails if the kernel would not give the pages back. */
    void restore(Map<SysfsPath, String> before) {
        List<String> notRestored = new ArrayList<>();
        before.forEach((nr, count) -> {
            String now = sysfs.readTrimmed(nr);
            if (!now.equals(count)) {
                LOG.info("restoring {} from {} to {}", nr, now, count);
                sysfs.write(nr, count);
            }
        });
        before.forEach((nr, count) -> {
            String now = sysfs.readTrimmed(nr);
            if (!now.equals(count)) {
                notRestored.add(nr + " is " + now + ", was " + count);
            }
        });
        if (!notRestored.isEmpty()) {
            throw new IllegalStateException("huge page pools not restored (pages in use?): " + notRestored);
        }
    }
}
