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
import java.util.Set;
import java.util.UUID;

/**
 * What libvirt's domain parser does with every definition, whatever the driver: the checks it refuses a
 * definition with (each verified on libvirt 9.0, see {@link FakeErrors}) and what it rewrites (a random UUID
 * when there is none, the current memory filled in and clamped to the memory, unlimited memory limits removed,
 * pins of vCPUs the domain lacks dropped, elements it does not know dropped: {@link KnownElements}).
 */
final class DefinitionChecks {
    private DefinitionChecks() {
    }

    /** The buses libvirt 9.0 knows for a disk's {@code <target bus>}. */
    private static final Set<String> DISK_BUSES = Set.of("ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata",
            "sd");
    /** The interface types libvirt 9.0 knows. */
    private static final Set<String> INTERFACE_TYPES = Set.of("user", "ethernet", "vhostuser", "server", "client",
            "mcast", "network", "bridge", "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds");

    /** Throws {@link io.virtforge.connect.InvalidDefinitionException} as libvirt's parser would. */
    static void check(Domain d) {
        String name = d.name();
        if (name.contains("\n")) {
            throw FakeErrors.illegalNameChar(name, "\n");
        }
        if (name.contains("/")) {
            throw FakeErrors.xmlError(name, "name " + name + " cannot contain '/'");
        }
        checkValues(d);
        if (d.os().flatMap(o -> o.type()).isEmpty()) {
            throw FakeErrors.xmlError(name, "an os <type> must be specified");
        }
        List<GuestNumaCell> cells = d.cpu().map(c -> c.numaCells()).orElse(List.of());
        boolean noMemory = d.memory().map(m -> m.toKibRoundedUp() == 0).orElse(true);
        if (noMemory && cells.isEmpty()) {
            throw FakeErrors.xmlError(name, "Memory size must be specified via <memory> or in the <numa> configuration");
        }
        if (d.vcpuCount() == 0) { // libvirt 9.0's words for it (transcript-issue19.txt)
            throw FakeErrors.definitionInternal(name, "CPU IDs in <numa> exceed the <vcpu> count");
        }
        java.util.BitSet ids = new java.util.BitSet();
        for (int i = 0; i < cells.size(); i++) {
            ids.set(cells.get(i).id().orElse(i));
        }
        if (ids.cardinality() != cells.size() || ids.length() != cells.size()) { // in any order, but 0..n-1
            throw FakeErrors.xmlError(name, "Exactly one 'cell' element per guest NUMA cell allowed, "
                    + "non-contiguous ranges or ranges not starting from 0 are not allowed");
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
        checkIothreadPins(d);
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

    /** Enumerated attributes the parser reads first: 27/5 "Invalid value for attribute ..." (transcript-issue19.txt). */
    private static void checkValues(Domain d) {
        for (Disk disk : d.devices().disks()) {
            String bus = disk.targetBusAsString().orElse(null);
            if (bus != null && !DISK_BUSES.contains(bus)) {
                throw FakeErrors.invalidAttribute(d.name(), "bus", "target", bus);
            }
        }
        for (io.virtforge.model.NetInterface nic : d.devices().interfaces()) {
            if (!INTERFACE_TYPES.contains(nic.type())) {
                throw FakeErrors.invalidAttribute(d.name(), "type", "interface", nic.type());
            }
        }
    }

    /** The ids of the domain's I/O threads: those {@code <iothreadids>} names, and 1..{@code <iothreads>}. */
    static Set<Integer> iothreadIds(Domain d) {
        Set<Integer> ids = new java.util.HashSet<>();
        d.iothreadIds().forEach(i -> ids.add(i.id()));
        for (int i = 1; i <= d.iothreads().orElse(0); i++) {
            ids.add(i);
        }
        return ids;
    }

    /** An {@code <iothreadpin>} must name an I/O thread the domain has: 67/20 "Cannot find 'iothread' : N". */
    private static void checkIothreadPins(Domain d) {
        Set<Integer> ids = iothreadIds(d);
        for (io.virtforge.model.IothreadPin pin : d.cputune().map(CpuTune::iothreadPins).orElse(List.of())) {
            if (!ids.contains(pin.iothread())) {
                throw FakeErrors.configUnsupported(d.name(), "Cannot find 'iothread' : " + pin.iothread());
            }
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

    /** libvirt's "unlimited" memory limit, {@code VIR_DOMAIN_MEMORY_PARAM_UNLIMITED}, in KiB. */
    private static final long UNLIMITED_KIB = (1L << 53) - 1;

    /**
     * The definition without {@code <memtune>} limits set to unlimited: libvirt keeps "unlimited" (2^53 - 1 KiB)
     * as no limit at all, and a {@code <memtune>} left empty as none.
     */
    private static Domain withoutUnlimitedMemtune(Domain d) {
        io.virtforge.model.MemTune t = d.memtune().orElse(null);
        if (t == null) {
            return d;
        }
        Map<String, java.util.Optional<io.virtforge.value.DataSize>> limits = new java.util.LinkedHashMap<>();
        limits.put("hard_limit", t.hardLimit());
        limits.put("soft_limit", t.softLimit());
        limits.put("swap_hard_limit", t.swapHardLimit());
        XmlElement.Builder kept = t.xml().toBuilder();
        limits.forEach((name, size) -> size.filter(s -> s.toKibRoundedUp() >= UNLIMITED_KIB)
                .ifPresent(s -> kept.removeElements(name)));
        XmlElement memtune = kept.build();
        if (memtune.equals(t.xml())) {
            return d;
        }
        List<XmlElement> replacement = memtune.hasElementChildren() ? List.of(memtune) : List.of();
        return Domain.fromXml(d.xml().toBuilder().setElements("memtune", replacement, List.of()).build());
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
        Domain d = withoutUnlimitedMemtune(LiveXml.inactive(KnownElements.dropUnknown(given)));
        Domain.Builder b = d.toBuilder();
        if (d.uuid().isEmpty()) {
            b.uuid(UUID.randomUUID());
        }
        if (d.memory().isPresent() && (d.currentMemory().isEmpty()
                || d.currentMemory().get().compareTo(d.memory().get()) > 0)) {
            b.currentMemory(d.memory().get()); // none, or more than the memory: libvirt clamps it
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
