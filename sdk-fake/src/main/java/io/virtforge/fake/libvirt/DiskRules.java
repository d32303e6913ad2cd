package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libvirt 9.0's define-time rules for disks, with its codes and words: from the parser and
 * {@code virDomainDiskDefValidate} (domain_conf.c, domain_validate.c: 67/20) one {@code <auth>} and one
 * {@code <encryption>} per source, authentication secrets of the protocol's usage type, no LUKS {@code <cipher>},
 * {@code device='lun'} on block sources, drive addresses used once; from the QEMU driver's validation
 * (qemu_validate.c, qemu_domain.c: 67/10, 1/10) the formats QEMU does not open, encryption only of raw and qcow2
 * images, shared disks only raw, vendor and product only on SCSI, a USB disk on a USB address, and a target name
 * that is a disk's, not a partition's. A disk needs a target (20/20), and drive addresses, given or assigned, are
 * used once among disks and SCSI host devices (67/20).
 */
final class DiskRules {
    private DiskRules() {
    }

    /** virDiskNameParse: a known prefix, lowercase letters, then a partition number (no leading zero). */
    private static final Pattern TARGET = Pattern.compile("(?:fd|hd|vd|sd|xvd|ubd)[a-z]+([0-9]*)");
    /** libvirt's secret usage types. */
    private static final Set<String> SECRET_TYPES = Set.of("none", "volume", "ceph", "iscsi", "tls", "vtpm");
    /** The network protocols libvirt takes no authentication for. */
    private static final Set<String> NO_AUTH = Set.of("nbd", "sheepdog", "gluster", "tftp", "vxhs", "nfs");

    static void check(String name, GuestMachine g) {
        List<XmlElement> disks = g.devices("disk");
        for (XmlElement disk : disks) {
            parsed(name, disk);
        }
        for (XmlElement disk : disks) {
            if (target(disk).isEmpty()) { // virDomainDiskDefValidate checks it first
                Optional<XmlElement> source = disk.element("source");
                Optional<String> pool = source.flatMap(s -> s.attribute("pool"));
                throw FakeErrors.noTarget(name, pool.isPresent()
                        ? Optional.of("pool = '" + pool.get() + "', volume = '"
                                + source.flatMap(s -> s.attribute("volume")).orElse("") + "'")
                        : source.flatMap(s -> s.attribute("file").or(() -> s.attribute("dev"))
                                .or(() -> s.attribute("dir")).or(() -> s.attribute("name"))));
            }
        }
        for (XmlElement disk : disks) {
            validated(name, disk);
        }
        driveAddressesOnce(name, g, disks);
        for (XmlElement disk : disks) {
            qemuValidated(name, disk);
        }
    }

    /** The parser: {@code <auth>} and {@code <encryption>} once each, in the source or beside it. */
    private static void parsed(String name, XmlElement disk) {
        Optional<XmlElement> source = disk.element("source");
        if (disk.element("auth").isPresent() && source.flatMap(s -> s.element("auth")).isPresent()) {
            throw FakeErrors.configUnsupported(name, "an <auth> definition already found for disk source");
        }
        if (disk.element("encryption").isPresent() && source.flatMap(s -> s.element("encryption")).isPresent()) {
            throw FakeErrors.configUnsupported(name, "an <encryption> definition already found for disk source");
        }
    }

    private static Optional<XmlElement> inSourceOrDisk(XmlElement disk, String element) {
        return disk.element("source").flatMap(s -> s.element(element)).or(() -> disk.element(element));
    }

    /** virDomainDiskDefValidate's checks of the source (not of its backing chain, which the fake does not read). */
    private static void validated(String name, XmlElement disk) {
        String type = disk.attribute("type").orElse("file");
        String protocol = disk.element("source").flatMap(s -> s.attribute("protocol")).orElse("");
        Optional<XmlElement> auth = inSourceOrDisk(disk, "auth");
        if (type.equals("network") && auth.isPresent()) {
            if (NO_AUTH.contains(protocol)) {
                throw FakeErrors.configUnsupported(name, "authentication is not supported for protocol '" + protocol
                        + "'");
            }
            String secretType = auth.get().element("secret").flatMap(s -> s.attribute("type")).orElse(null);
            if (secretType == null || !SECRET_TYPES.contains(secretType)) {
                throw FakeErrors.configUnsupported(name, "unknown secret type '"
                        + (secretType == null ? "<null>" : secretType) + "'");
            }
            if ((protocol.equals("iscsi") && !secretType.equals("iscsi"))
                    || (protocol.equals("rbd") && !secretType.equals("ceph"))) {
                throw FakeErrors.configUnsupported(name, "invalid secret type '" + secretType + "'");
            }
        }
        Optional<XmlElement> encryption = inSourceOrDisk(disk, "encryption");
        if (encryption.isPresent() && "luks".equals(encryption.get().attribute("format").orElse(""))
                && encryption.get().element("cipher").isPresent()) {
            throw FakeErrors.configUnsupported(name, "supplying <cipher> for domain disk definition is unnecessary");
        }
        if ("lun".equals(disk.attribute("device").orElse(""))) {
            if (type.equals("network") && !protocol.equals("iscsi")) {
                throw FakeErrors.configUnsupported(name, "disk device='lun' is not supported for protocol='"
                        + protocol + "'");
            }
            if (!type.equals("network") && !type.equals("block") && !type.equals("volume")) {
                throw FakeErrors.configUnsupported(name, "disk device='lun' is only valid for block type disk source");
            }
        }
    }

    /**
     * Drive addresses used once: by two disks on one bus (virDomainDefValidateDiskAddresses... in
     * domain_validate.c), by a SCSI disk libvirt addresses itself and a SCSI host device
     * ({@code virDomainDiskDefAssignAddress}), by two SCSI host devices or a SCSI host device and a SCSI disk.
     */
    private static void driveAddressesOnce(String name, GuestMachine g, List<XmlElement> disks) {
        List<XmlElement> scsiHostdevs = g.devices("hostdev").stream()
                .filter(h -> "scsi".equals(h.attribute("type").orElse(""))).toList();
        for (XmlElement disk : disks) {
            if (bus(disk).equals("scsi") && disk.element("address").isEmpty()) {
                Optional<List<Integer>> assigned = driveAddress(disk);
                if (assigned.isPresent() && scsiHostdevs.stream().map(DiskRules::explicitDriveAddress)
                        .anyMatch(assigned::equals)) {
                    List<Integer> a = assigned.get();
                    throw FakeErrors.configUnsupported(name, "using disk target name '" + target(disk) + "' conflicts "
                            + "with SCSI host device address controller='" + a.get(0) + "' bus='" + a.get(1)
                            + "' target='" + a.get(2) + "' unit='" + a.get(3));
                }
            }
        }
        for (int i = 0; i < disks.size(); i++) {
            Optional<List<Integer>> first = driveAddress(disks.get(i));
            for (int j = i + 1; j < disks.size() && first.isPresent(); j++) {
                if (bus(disks.get(i)).equals(bus(disks.get(j))) && first.equals(driveAddress(disks.get(j)))) {
                    throw FakeErrors.configUnsupported(name, "Found duplicate drive address for disk with target name '"
                            + target(disks.get(i)) + "' " + format(first.get(), false));
                }
            }
        }
        for (int i = 0; i < scsiHostdevs.size(); i++) {
            Optional<List<Integer>> first = explicitDriveAddress(scsiHostdevs.get(i));
            if (first.isEmpty()) {
                continue;
            }
            for (int j = i + 1; j < scsiHostdevs.size(); j++) {
                if (first.equals(explicitDriveAddress(scsiHostdevs.get(j)))) {
                    throw FakeErrors.configUnsupported(name, "SCSI host address " + format(first.get(), true)
                            + " in use by another SCSI host device");
                }
            }
            boolean byDisk = disks.stream().filter(d -> bus(d).equals("scsi")).map(DiskRules::driveAddress)
                    .anyMatch(first::equals);
            if (byDisk) {
                throw FakeErrors.configUnsupported(name, "SCSI host address " + format(first.get(), true)
                        + " in use by another SCSI disk");
            }
        }
    }

    /**
     * A drive address as libvirt prints it, {@code controller='0' bus='0' target='0' unit='1'}; its SCSI host
     * device messages print the bus as the controller and the controller as the bus.
     */
    private static String format(List<Integer> a, boolean busFirst) {
        return "controller='" + a.get(busFirst ? 1 : 0) + "' bus='" + a.get(busFirst ? 0 : 1) + "' target='" + a.get(2)
                + "' unit='" + a.get(3) + "'";
    }

    /** A device's own drive address: controller, bus, target, unit. */
    private static Optional<List<Integer>> explicitDriveAddress(XmlElement device) {
        XmlElement a = device.element("address").orElse(null);
        if (a == null || !"drive".equals(a.attribute("type").orElse(""))) {
            return Optional.empty();
        }
        List<Integer> address = new java.util.ArrayList<>();
        for (String part : List.of("controller", "bus", "target", "unit")) {
            String value = a.attribute(part).orElse("0");
            if (!value.matches("[0-9]{1,9}")) {
                return Optional.empty(); // the parser's own error, not modelled
            }
            address.add(Integer.parseInt(value));
        }
        return Optional.of(address);
    }

    /**
     * A disk's drive address: its own, or the one libvirt gives a disk without an address from its target's
     * index ({@code virDomainDiskDefAssignAddress}: IDE 2 units on 2 buses per controller, SATA 6 units, a floppy
     * controller 2 units, SCSI 7 or more units per controller; the fake places SCSI disks of index 0 to 6 only,
     * where both layouts agree).
     */
    private static Optional<List<Integer>> driveAddress(XmlElement disk) {
        if (disk.element("address").isPresent()) {
            return explicitDriveAddress(disk);
        }
        int idx = index(target(disk));
        if (idx < 0) {
            return Optional.empty();
        }
        return switch (bus(disk)) {
            case "ide" -> Optional.of(List.of(idx / 4, (idx % 4) / 2, 0, idx % 2));
            case "sata" -> Optional.of(List.of(idx / 6, 0, 0, idx % 6));
            case "fdc" -> Optional.of(List.of(idx / 2, 0, 0, idx % 2));
            case "scsi" -> idx < 7 ? Optional.of(List.of(0, 0, 0, idx)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** virDiskNameToIndex: sda is 0, sdz 25, sdaa 26; -1 for a name that is not a disk's. */
    private static int index(String dev) {
        Matcher m = TARGET.matcher(dev);
        if (!m.matches()) {
            return -1;
        }
        String letters = dev.substring(0, dev.length() - m.group(1).length()).replaceFirst("^(fd|hd|vd|sd|xvd|ubd)", "");
        int idx = 0;
        for (int i = 0; i < letters.length(); i++) {
            idx = (idx + (i < 1 ? 0 : 1)) * 26 + (letters.charAt(i) - 'a');
        }
        return idx;
    }

    /** The disk's bus, or the one libvirt derives from the target's name. */
    private static String bus(XmlElement disk) {
        return disk.element("target").flatMap(t -> t.attribute("bus")).orElseGet(() -> {
            String dev = target(disk);
            if (dev.startsWith("hd")) {
                return "ide";
            }
            if (dev.startsWith("sd")) {
                return "scsi";
            }
            if (dev.startsWith("vd")) {
                return "virtio";
            }
            return dev.startsWith("fd") ? "fdc" : dev.startsWith("ubd") ? "uml" : "xen";
        });
    }

    private static String target(XmlElement disk) {
        return disk.element("target").flatMap(t -> t.attribute("dev")).orElse("");
    }

    /** qemuValidateDomainDeviceDefDisk and qemuDomainValidateStorageSource, for the disk's own source. */
    private static void qemuValidated(String name, XmlElement disk) {
        String bus = bus(disk);
        if ((disk.element("vendor").isPresent() || disk.element("product").isPresent()) && !bus.equals("scsi")) {
            throw FakeErrors.qemuUnsupported(name, "Only scsi disk supports vendor and product");
        }
        String address = GuestMachine.addressType(disk).orElse("none");
        if (bus.equals("usb") && !address.equals("none") && !address.equals("usb")) {
            throw FakeErrors.qemuInternal(name, "unexpected address type for usb disk");
        }
        Optional<String> format = disk.element("driver").flatMap(d -> d.attribute("type"));
        boolean shared = disk.element("shareable").isPresent() && disk.element("readonly").isEmpty();
        if (shared && format.isPresent() && !format.get().equals("raw")) {
            throw FakeErrors.qemuUnsupported(name, "shared access for disk '" + target(disk)
                    + "' requires use of supported storage format");
        }
        String dev = target(disk);
        Matcher m = TARGET.matcher(dev);
        if (!dev.isEmpty() && (!m.matches() || (m.group(1).length() > 1 && m.group(1).startsWith("0")))) {
            throw FakeErrors.qemuUnsupported(name, "invalid disk target '" + dev + "'");
        }
        if (!dev.isEmpty() && !m.group(1).isEmpty() && Integer.parseInt(m.group(1)) != 0) {
            throw FakeErrors.qemuUnsupported(name, "invalid disk target '" + dev
                    + "', partitions can't appear in disk targets");
        }
        storageFormat(name, disk, format);
    }

    private static void storageFormat(String name, XmlElement disk, Optional<String> format) {
        switch (format.orElse("")) {
            case "cow" -> throw FakeErrors.qemuUnsupported(name, "'cow' storage format is not supported");
            case "dir" -> throw FakeErrors.qemuUnsupported(name, "'directory' storage format is not directly "
                    + "supported by QEMU, use 'dir' disk type instead");
            case "iso" -> throw FakeErrors.qemuUnsupported(name, "storage format 'iso' is not directly supported by "
                    + "QEMU, use 'raw' instead");
            default -> { }
        }
        Optional<XmlElement> encryption = inSourceOrDisk(disk, "encryption");
        if (encryption.isEmpty()) {
            return;
        }
        String encFormat = encryption.get().attribute("format").orElse("");
        if (encFormat.equals("qcow")) {
            throw FakeErrors.qemuUnsupported(name, "old qcow/qcow2 encryption is not supported");
        }
        boolean qemuEngine = encryption.get().attribute("engine").orElse("qemu").equals("qemu");
        if (qemuEngine && encFormat.equals("luks") && format.isPresent() && !format.get().equals("raw")
                && !format.get().equals("qcow2")) {
            throw FakeErrors.qemuUnsupported(name, "encryption is supported only with 'raw' and 'qcow2' image format");
        }
    }
}
