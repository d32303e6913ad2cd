package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.CpuPaths;
import io.virtforge.host.sysfs.NodePaths;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.fake.kernel.fs.ChoiceAttribute;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.value.CpuSet;
import java.util.Collection;
import java.util.function.Predicate;

/**
 * {@code /sys/devices/system/cpu}: {@code online}, {@code possible}, {@code present}, {@code offline},
 * {@code isolated}, and per CPU its {@code topology} folder (siblings computed from socket, die and core),
 * its {@code online} switch (not for CPU 0), its node link and, when it has a governor, {@code cpufreq}.
 */
final class CpuTopologyFiles {
    private CpuTopologyFiles() {
    }

    static void install(FakeTree tree, Collection<CpuState> cpus, CpuSet isolated) {
        CpuSet all = select(cpus, c -> true);
        CpuSet online = select(cpus, CpuState::online);
        tree.put(CpuPaths.ONLINE, FakeFile.readOnly(online.format() + "\n"));
        tree.put(CpuPaths.POSSIBLE, FakeFile.readOnly(all.format() + "\n"));
        tree.put(CpuPaths.PRESENT, FakeFile.readOnly(all.format() + "\n"));
        tree.put(CpuPaths.CPUS.resolve("offline"), FakeFile.readOnly(all.minus(online).format() + "\n"));
        tree.put(CpuPaths.ISOLATED, FakeFile.readOnly(isolated.format() + "\n"));
        for (CpuState cpu : cpus) {
            installCpu(tree, cpu, cpus);
        }
    }

    private static CpuSet select(Collection<CpuState> cpus, Predicate<CpuState> which) {
        return CpuSet.of(cpus.stream().filter(which).map(CpuState::id).toList());
    }

    private static void installCpu(FakeTree tree, CpuState cpu, Collection<CpuState> all) {
        SysfsPath dir = CpuPaths.cpu(cpu.id());
        SysfsPath topology = dir.resolve("topology");
        String threads = select(all, cpu::sameCore).format() + "\n";
        String socket = select(all, c -> c.socket() == cpu.socket()).format() + "\n";
        String die = select(all, c -> c.socket() == cpu.socket() && c.die() == cpu.die()).format() + "\n";
        tree.put(CpuPaths.physicalPackageId(cpu.id()), FakeFile.readOnly(cpu.socket() + "\n"));
        tree.put(CpuPaths.dieId(cpu.id()), FakeFile.readOnly(cpu.die() + "\n"));
        tree.put(CpuPaths.coreId(cpu.id()), FakeFile.readOnly(cpu.core() + "\n"));
        tree.put(CpuPaths.threadSiblingsList(cpu.id()), FakeFile.readOnly(threads));
        tree.put(topology.resolve("core_cpus_list"), FakeFile.readOnly(threads));
        tree.put(topology.resolve("core_siblings_list"), FakeFile.readOnly(socket));
        tree.put(topology.resolve("package_cpus_list"), FakeFile.readOnly(socket));
        tree.put(topology.resolve("die_cpus_list"), FakeFile.readOnly(die));
        if (cpu.id() != 0) {
            tree.put(dir.resolve("online"), FakeFile.readWrite((cpu.online() ? 1 : 0) + "\n"));
        }
        tree.link(dir.resolveNumbered("node", cpu.node()), NodePaths.node(cpu.node()));
        if (cpu.governor() != null) {
            tree.put(CpuPaths.scalingGovernor(cpu.id()),
                    FakeFile.of(new ChoiceAttribute(cpu.availableGovernors(), cpu.governor(), false)));
            tree.put(dir.resolve("cpufreq", "scaling_available_governors"),
                    FakeFile.readOnly(String.join(" ", cpu.availableGovernors()) + "\n"));
        }
    }
}
