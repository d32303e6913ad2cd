package io.virtforge.fake.libvirt;

import io.virtforge.model.CpuTune;
import io.virtforge.model.Devices;
import io.virtforge.model.Disk;
import io.virtforge.model.DiskSource;
import io.virtforge.model.Domain;
import io.virtforge.model.GuestNumaCell;
import io.virtforge.model.VcpuPin;
import io.virtforge.value.CpuSet;
import io.virtforge.xml.XmlElement;
import io.virtforge.xml.XmlNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What libvirt's domain parser does with every definition, whatever the driver: the checks it refuses a
 * definition with (each verified on libvirt 9.0's test driver, see {@link FakeErrors}) and the values it
 * fills in (a random UUID when there is none, the current memory, dropping pins of vCPUs the domain lacks).
 */
final class DefinitionChecks {
    private DefinitionChecks() {
    }

    /** Throws {@link io.virtforge.connect.InvalidDefinitionException} as libvirt's parser would. */
    static void check(Domain d) {
        String name = d.name();
        if (name.contains("/")) {
            throw FakeErrors.xmlError(name, "name " + name + " cannot contain '/'");
        }
        List<GuestNumaCell> cells = d.cpu().map(c -> c.numaCells()).orElse(List.of());
        if (d.memory().isEmpty() && cells.isEmpty()) {
            throw FakeErrors.xmlError(name, "Memory size must be specified via <memory> or in the <numa> configuration");
        }
        int cellCpus = 0;
        CpuSet all = CpuSet.empty();
        for (GuestNumaCell c : cells) {
            CpuSet cpus = c.cpus().orElse(CpuSet.empty());
            cellCpus += cpus.size();
            all = all.union(cpus);
        }
        if (cellCpus > d.vcpuCount()) {
            throw FakeErrors.definitionInternal(name, "Number of CPUs in <numa> exceeds the <vcpu> count");
        }
        if (!all.isEmpty() && all.last().getAsInt() >= d.vcpuCount()) {
            throw FakeErrors.definitionInternal(name, "CPU IDs in <numa> exceed the <vcpu> count");
        }
        Map<String, Disk> targets = new HashMap<>();
        for (Disk disk : d.devices().disks()) {
            String target = disk.targetDev().orElse(null);
            if (target == null) {
                continue;
            }
            Disk first = targets.putIfAbsent(target, disk);
            if (first != null) {
                throw duplicateTarget(name, target, first, disk);
            }
        }
    }

    /** The longest file name Linux takes (NAME_MAX), in bytes. */
    private static final int NAME_MAX = 255;

    /**
     * A persistent definition is saved as {@code /etc/libvirt/qemu/NAME.xml} (through {@code NAME.xml.new}):
     * QEMU's define fails when that name is too long for the filesystem (transcript-issue19.txt).
     */
    static void checkFileName(String name) {
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + ".xml.new".length() > NAME_MAX) {
            throw FakeErrors.nameTooLong(name);
        }
    }

    static io.virtforge.connect.VirtException duplicateTarget(String name, String target, Disk first,
            Disk second) {
        return FakeErrors.xmlError(name, "target '" + target + "' duplicated for disk sources '" + source(first)
                + "' and '" + source(second) + "'");
    }

    private static String source(Disk d) {
        DiskSource s = d.source().orElse(null);
        if (s == null) {
            return "<null>";
        }
        return s.file().or(s::dev).or(s::dir).or(s::name).orElse("<null>");
    }

    /** NICs without a MAC address get a random one in QEMU's range, as libvirt's parser gives them. */
    private static Devices withMacs(Devices devices) {
        XmlElement.Builder b = XmlElement.builder("devices");
        devices.xml().attributes().forEach(a -> b.attribute(a.name(), a.value()));
        for (XmlNode n : devices.xml().children()) {
            if (n instanceof XmlElement e && e.hasName("interface") && e.element("mac").isEmpty()) {
                XmlElement mac = XmlElement.builder("mac").attribute("address", randomMac()).build();
                b.add(e.toBuilder().setElements("mac", List.of(mac), List.of("mac", "source", "virtualport", "target", "model", "driver", "address")).build());
            } else {
                b.add(n);
            }
        }
        return Domain.fromXml(XmlElement.builder("domain").attribute("type", "test")
                .add(XmlElement.builder("name").text("x").build()).add(b.build()).build()).devices();
    }

    private static String randomMac() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return String.format("52:54:00:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }

    /** The definition as libvirt stores it: without run-time values ({@link LiveXml#inactive}), with a UUID, a current memory, and only pins of existing vCPUs. */
    static Domain normalize(Domain given) {
        Domain d = LiveXml.inactive(given);
        Domain.Builder b = d.toBuilder();
        if (d.uuid().isEmpty()) {
            b.uuid(UUID.randomUUID());
        }
        if (d.currentMemory().isEmpty() && d.memory().isPresent()) {
            b.currentMemory(d.memory().get());
        }
        if (d.devices().interfaces().stream().anyMatch(n -> n.mac().isEmpty())) {
            b.devices(withMacs(d.devices()));
        }
        CpuTune tune = d.cputune().orElse(null);
        if (tune != null && tune.vcpuPins().stream().anyMatch(p -> p.vcpu() >= d.vcpuCount())) {
            List<VcpuPin> kept = tune.vcpuPins().stream().filter(p -> p.vcpu() < d.vcpuCount()).toList();
            b.cputune(tune.toBuilder().vcpuPins(kept).build());
        }
        return b.build();
    }
}
