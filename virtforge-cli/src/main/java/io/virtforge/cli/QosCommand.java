package io.virtforge.cli;

import io.virtforge.connect.DomainQos;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.json.Json;
import io.virtforge.model.Bandwidth;
import io.virtforge.model.CpuTune;
import io.virtforge.model.IoTune;
import io.virtforge.model.IoTune.Limit;
import io.virtforge.model.MemTune;
import io.virtforge.value.DataSize;
import io.virtforge.value.ValueFormatException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code virtforge qos NAME}: shows and changes a VM's limits (a disk's IOPS and bytes per second, a NIC's inbound
 * and outbound rates, CPU shares or a CPU cap, the memory hard limit) through {@link VirtDomain#qos()}, on the
 * running VM ({@code --live}), its configuration ({@code --config}) or, by default, the one libvirt's "current"
 * means (live when running). Prints each setting it touched before and after the change, as the hypervisor reports
 * it; without a change option it only shows them.
 */
@Command(name = "qos", sortOptions = false,
        description = {"Show and change a VM's limits: disk IOPS and bytes/s, NIC rates, CPU shares or cap, memory.",
                "Prints each setting before and after. Exit 1 when the hypervisor refuses, 2 on bad input."})
final class QosCommand implements Callable<Integer> {
    private static final long PERIOD = 100_000; // µs, the kernel's default CFS period

    @Spec
    CommandSpec spec;
    @Mixin
    ConnectOption connect;
    @Parameters(paramLabel = "NAME", description = "The domain.")
    String name;
    @Option(names = "--disk", paramLabel = "DEV", description = "The disk to limit, by target (vda) or source path.")
    String disk;
    @Option(names = "--read-iops", paramLabel = "N", description = "Read operations per second (0: no limit).")
    Long readIops;
    @Option(names = "--write-iops", paramLabel = "N", description = "Write operations per second (0: no limit).")
    Long writeIops;
    @Option(names = "--total-iops", paramLabel = "N", description = "Operations per second, reads and writes together.")
    Long totalIops;
    @Option(names = "--read-bytes", paramLabel = "SIZE", description = "Bytes read per second, e.g. 100MiB.")
    String readBytes;
    @Option(names = "--write-bytes", paramLabel = "SIZE", description = "Bytes written per second, e.g. 50MiB.")
    String writeBytes;
    @Option(names = "--total-bytes", paramLabel = "SIZE", description = "Bytes per second, reads and writes together.")
    String totalBytes;
    @Option(names = "--nic", paramLabel = "DEV", description = "The NIC to shape, by host device (vnet0) or MAC.")
    String nic;
    @Option(names = "--inbound", paramLabel = "RATE", description = "What the guest receives, e.g. 1000Mbit.")
    String inbound;
    @Option(names = "--outbound", paramLabel = "RATE", description = "What the guest sends, e.g. 100Mbit.")
    String outbound;
    @Option(names = "--cpu-shares", paramLabel = "N", description = "Relative CPU weight (cgroup v1 default 1024).")
    Long cpuShares;
    @Option(names = "--cpu-cap", paramLabel = "PCT", description = "Caps each vCPU at a share of one host CPU, e.g. 50%.")
    String cpuCap;
    @Option(names = "--memory-hard-limit", paramLabel = "SIZE", description = "The most host memory the VM may use.")
    String hardLimit;
    @Option(names = "--live", description = "Change and show the running VM.")
    boolean live;
    @Option(names = "--config", description = "Change and show the persistent configuration.")
    boolean config;
    @Option(names = "--json", description = "One JSON object with the settings before and after.")
    boolean json;

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        try (Connector.Lease lease = connect.open()) {
            VirtConnection c = lease.connection();
            VirtDomain vm = c.lookup(name).orElseThrow(() -> CliException.badInput("no domain '" + name + "' on "
                    + c.uri() + " (a fake host starts empty in every run)"));
            Scope scope = live ? Scope.LIVE : config ? Scope.CONFIG : vm.state().isActive() ? Scope.LIVE : Scope.CONFIG;
            DomainQos qos = vm.qos();
            Map<String, Object> before = settings(qos, scope);
            apply(qos, scope);
            Map<String, Object> after = changes() ? settings(qos, scope) : before;
            String scopeName = scope.name().toLowerCase(Locale.ROOT);
            if (json) {
                out.println(Json.write(JsonText.object("ok", true, "domain", name, "scope", scopeName,
                        "before", before, "after", after)));
            } else {
                print(out, scopeName, before, after);
            }
            return 0;
        } catch (InvalidDefinitionException | NotFoundException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

    private void validate() {
        if (live && config) {
            throw CliException.badInput("--live and --config exclude each other (give neither for the VM's current one)");
        }
        if (cpuShares != null && cpuCap != null) {
            throw CliException.badInput("--cpu-shares and --cpu-cap exclude each other");
        }
        boolean diskLimits = readIops != null || writeIops != null || totalIops != null || readBytes != null
                || writeBytes != null || totalBytes != null;
        if (diskLimits && disk == null) {
            throw CliException.badInput("disk limits need --disk DEV");
        }
        if ((inbound != null || outbound != null) && nic == null) {
            throw CliException.badInput("--inbound and --outbound need --nic DEV");
        }
    }

    private boolean changes() {
        return diskTune() != null || bandwidth() != null || cpuTune() != null || hardLimit != null;
    }

    private void apply(DomainQos qos, Scope scope) {
        if (cpuTune() != null) {
            qos.setScheduler(cpuTune(), scope);
        }
        if (diskTune() != null) {
            qos.setBlockIoTune(disk, diskTune(), scope);
        }
        if (bandwidth() != null) {
            qos.setInterfaceBandwidth(nic, bandwidth(), scope);
        }
        if (hardLimit != null) {
            qos.setMemoryTune(MemTune.builder().hardLimit(size("--memory-hard-limit", hardLimit)).build(), scope);
        }
    }

    private CpuTune cpuTune() {
        if (cpuShares != null) {
            return CpuTune.builder().shares(cpuShares).build();
        }
        if (cpuCap != null) {
            int pct = QosRates.percent("--cpu-cap", cpuCap);
            return CpuTune.builder().period(PERIOD).quota(PERIOD * pct / 100).build();
        }
        return null;
    }

    private IoTune diskTune() {
        if (disk == null) {
            return null;
        }
        IoTune.Builder b = IoTune.builder().rate(Limit.READ_IOPS_SEC, readIops).rate(Limit.WRITE_IOPS_SEC, writeIops)
                .rate(Limit.TOTAL_IOPS_SEC, totalIops);
        b.rate(Limit.READ_BYTES_SEC, bytes("--read-bytes", readBytes))
                .rate(Limit.WRITE_BYTES_SEC, bytes("--write-bytes", writeBytes))
                .rate(Limit.TOTAL_BYTES_SEC, bytes("--total-bytes", totalBytes));
        IoTune t = b.build();
        return t.isEmpty() ? null : t;
    }

    private Bandwidth bandwidth() {
        if (nic == null || (inbound == null && outbound == null)) {
            return null;
        }
        return Bandwidth.of(limit("--inbound", inbound), limit("--outbound", outbound));
    }

    private static Bandwidth.Limit limit(String option, String rate) {
        return rate == null ? null : Bandwidth.Limit.builder().average(QosRates.kilobytesPerSecond(option, rate)).build();
    }

    private static Long bytes(String option, String text) {
        return text == null ? null : size(option, text).bytes();
    }

    private static DataSize size(String option, String text) {
        try {
            return DataSize.parse(text.trim());
        } catch (ValueFormatException e) {
            throw CliException.badInput(option + " '" + text + "': " + e.getMessage());
        }
    }

    /** The settings this run shows: CPU and memory always, the disk and NIC it names. */
    private Map<String, Object> settings(DomainQos qos, Scope scope) {
        Map<String, Object> m = new LinkedHashMap<>();
        CpuTune cpu = qos.scheduler(scope);
        m.put("cpu_shares", cpu.shares().isPresent() ? cpu.shares().getAsLong() : null);
        m.put("vcpu_period", cpu.period().isPresent() ? cpu.period().getAsLong() : null);
        m.put("vcpu_quota", cpu.quota().orElse(null));
        MemTune mem = qos.memoryTune(scope);
        m.put("hard_limit_kib", mem.hardLimit().map(DataSize::toKibRoundedUp).orElse(null));
        if (disk != null) {
            IoTune io = qos.blockIoTune(disk, scope);
            for (Limit l : Limit.values()) {
                m.put(disk + "." + l.xmlName(), io.rate(l).isPresent() ? io.rate(l).getAsLong() : null);
            }
        }
        if (nic != null) {
            Bandwidth bw = qos.interfaceBandwidth(nic, scope);
            m.put(nic + ".inbound.average", bw.inbound().flatMap(l -> boxed(l.average())).orElse(null));
            m.put(nic + ".outbound.average", bw.outbound().flatMap(l -> boxed(l.average())).orElse(null));
        }
        return m;
    }

    private static java.util.Optional<Long> boxed(java.util.OptionalLong v) {
        return v.isPresent() ? java.util.Optional.of(v.getAsLong()) : java.util.Optional.empty();
    }

    private void print(PrintWriter out, String scope, Map<String, Object> before, Map<String, Object> after) {
        out.println("qos of " + name + " (" + scope + ")");
        out.printf(Locale.ROOT, "  %-32s %16s %16s%n", "setting", "before", "after");
        for (String key : before.keySet()) {
            Object b = before.get(key);
            Object a = after.get(key);
            out.printf(Locale.ROOT, "  %-32s %16s %16s%s%n", key, shown(b), shown(a),
                    java.util.Objects.equals(a, b) ? "" : "  *");
        }
    }

    private static String shown(Object v) {
        return v == null ? "-" : v.toString();
    }
}
