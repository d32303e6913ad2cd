package io.virtforge.cli;

import io.virtforge.build.DomainBuilder;
import io.virtforge.check.Finding;
import io.virtforge.check.Severity;
import io.virtforge.check.Validator;
import io.virtforge.connect.Scope;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.host.mdev.MdevManager;
import io.virtforge.host.mdev.MdevReader;
import io.virtforge.host.mdev.MdevRefusedException;
import io.virtforge.host.pci.VfioOptions;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.model.Domain;
import io.virtforge.model.Hostdev;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import io.virtforge.value.PciAddress;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code virtforge gpu-passthrough GPU VM --mdev-type T}: gives the VM a vGPU instead of the whole GPU. Creates an
 * instance of type T on the GPU (a mediated device, through sysfs under the vfio host lock), checks the VM with it
 * against the host (the instance exists, no other domain uses it, its GPU is on the VM's node), and adds
 * {@code <hostdev type='mdev'>} to the VM's persistent definition. The instance is removed again when a later
 * step fails. The instance is transient, as {@code mdevctl start} makes it: it does not survive a host reboot.
 */
final class VgpuPassthrough {
    private static final Set<String> MDEV_CODES = Set.of("MDEV_MISSING", "MDEV_TYPE_UNAVAILABLE", "MDEV_NUMA_REMOTE");
    private final Map<String, Object> result;
    private final StringBuilder text;
    private final PrintWriter err;

    VgpuPassthrough(Map<String, Object> result, StringBuilder text, PrintWriter err) {
        this.result = result;
        this.text = text;
        this.err = err;
    }

    void run(VirtConnection c, VirtDomain vm, Domain def, PciAddress gpu, String type, Sysfs sysfs, VfioOptions lock) {
        MdevReader reader = new MdevReader(sysfs);
        MdevParent parent = reader.parent(gpu.format()).orElseThrow(() -> CliException.problem(gpu.format()
                + " offers no vGPU types (it is not in /sys/class/mdev_bus: no mediated device driver such as NVIDIA's "
                + "vGPU manager drives it); pass the whole GPU through without --mdev-type"));
        MdevType t = parent.type(type).orElseThrow(() -> CliException.problem(gpu.format() + " offers no vGPU type "
                + type + "; it offers " + parent.types().stream().map(x -> x.id() + x.name().map(n -> " (" + n + ")")
                .orElse("")).toList()));
        text.append("vGPU type ").append(type).append(t.name().map(n -> " (" + n + ")").orElse("")).append(": ")
                .append(t.availableInstances()).append(" instance(s) available on ").append(gpu.format()).append('\n');
        result.put("mdevType", type);
        Undo undo = new Undo(new Progress(err));
        try {
            MdevManager manager = new MdevManager(sysfs, lock);
            Progress.Step step = new Progress(err).start("creating a " + type + " instance on " + gpu.format());
            MdevInstance made;
            try {
                made = manager.create(gpu.format(), type);
            } catch (MdevRefusedException e) {
                step.failed();
                throw CliException.problem(e.getMessage());
            } catch (RuntimeException e) {
                step.failed();
                throw e;
            }
            step.done(made.uuid().toString());
            undo.push("remove mdev " + made.uuid(), () -> manager.remove(made.uuid()));
            result.put("mdev", made.uuid().toString());
            text.append("Created mediated device ").append(made.uuid()).append('\n');

            Hostdev hostdev = Hostdev.mdev(made.uuid(), t.deviceApi()).build();
            check(c, reader, DomainBuilder.from(def).device(hostdev).assemble(), vm.name());
            Progress.Step attach = new Progress(err).start("adding the mdev hostdev to " + vm.name()
                    + "'s persistent definition");
            try {
                vm.attachDevice(hostdev, Scope.CONFIG);
            } catch (RuntimeException e) {
                attach.failed();
                throw e;
            }
            attach.done("");
            result.put("attached", true);
            text.append("Added <hostdev mode='subsystem' type='mdev' model='").append(t.deviceApi())
                    .append("'> for ").append(made.uuid()).append(" to ").append(vm.name())
                    .append("'s persistent definition: it takes effect at the VM's next start.\n");
            undo.commit();
        } catch (RuntimeException e) {
            Undo.Outcome outcome = undo.run();
            throw new CliException(Virtforge.PROBLEM, e.getMessage() + (outcome.undone().isEmpty()
                    && outcome.failed().isEmpty() ? "" : "; " + outcome.describe()), e);
        }
    }

    /** The mediated device checks, on the host as its sysfs shows it now (with the new instance). */
    private void check(VirtConnection c, MdevReader reader, Domain wouldBe, String vmName) {
        HostState known = c.hostState();
        HostTopology.Builder now = known.topology().toBuilder();
        reader.parents().forEach(now::mdevParent);
        reader.instances().forEach(now::mdevInstance);
        List<Finding> findings = Validator.latencySensitive().validate(wouldBe, HostState.of(now.build(),
                known.domains())).findings().stream().filter(f -> MDEV_CODES.contains(f.code())).toList();
        result.put("findings", findings);
        text.append("vGPU checks against the host: ").append(findings.isEmpty() ? "the GPU is on the VM's node\n" : "\n");
        refuseErrors(text, findings, "the vGPU cannot be given to " + vmName);
    }

    /** Lists the findings, one with its fix per line, and refuses (exit 1) when any is an error. */
    static void refuseErrors(StringBuilder text, List<Finding> findings, String refusal) {
        for (Finding f : findings) {
            text.append("  ").append(f.severity()).append(' ').append(f.code()).append(": ").append(f.message())
                    .append(f.hint().isEmpty() ? "" : "\n    fix: " + f.hint()).append('\n');
        }
        List<String> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR)
                .map(f -> f.code() + ": " + f.message()).toList();
        if (!errors.isEmpty()) {
            throw CliException.problem(refusal + ": " + String.join("; ", errors));
        }
    }
}
