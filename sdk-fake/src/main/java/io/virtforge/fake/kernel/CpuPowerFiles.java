package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.CpuPaths;
import io.virtforge.host.sysfs.ProcPaths;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import java.util.Collection;

/**
 * What tells the CPU vendor and power drivers apart: {@code /proc/cpuinfo} (a {@code processor} and
 * {@code vendor_id} block per CPU), {@code cpuidle/current_driver} and, for each CPU with a {@code cpufreq}
 * folder, its {@code scaling_driver}. A null part leaves its file out, as on a kernel without it.
 */
final class CpuPowerFiles {
    private CpuPowerFiles() {
    }

    static void install(FakeTree tree, Collection<CpuState> cpus, String vendor, String idleDriver, String freqDriver) {
        if (vendor != null) {
            StringBuilder info = new StringBuilder();
            cpus.forEach(c -> info.append("processor\t: ").append(c.id()).append("\nvendor_id\t: ").append(vendor)
                    .append("\n\n"));
            tree.put(ProcPaths.CPUINFO, FakeFile.readOnly(info.toString()));
        }
        if (idleDriver != null) {
            tree.put(CpuPaths.CPUIDLE_DRIVER, FakeFile.readOnly(idleDriver + "\n"));
        }
        if (freqDriver != null) {
            cpus.stream().filter(c -> c.governor() != null).forEach(c ->
                    tree.put(CpuPaths.scalingDriver(c.id()), FakeFile.readOnly(freqDriver + "\n")));
        }
    }
}
