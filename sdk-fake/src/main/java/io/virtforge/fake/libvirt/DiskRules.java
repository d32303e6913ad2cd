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
 * that is a disk's, not a partition's.
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
            validated(name, disk);
        }
        driveAddressesOnce(name, disks);
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

    /** Two disks on one bus with the same explicit drive address. */
    private static void driveAddressesOnce(String name, List<XmlElement> disks) {
        for (int i = 0; i < disks.size(); i++) {
            Optional<String> first = driveAddress(disks.get(i));
            for (int j = i + 1; j < disks.size() && first.isPresent(); j++) {
                if (bus(disks.get(i)).equals(bus(disks.get(j))) && first.equals(driveAddress(disks.get(j)))) {
                    throw FakeErrors.configUnsupported(name, "Found duplicate drive address for disk with target name '"
                            + target(disks.get(i)) + "' " + first.get());
                }
            }
        }
    }

    /** An explicit drive address as libvirt prints it, e.g. {@code controller='0' bus='0' target='0' unit='0'}. */
    private static Optional<String> driveAddress(XmlElement disk) {
        XmlElement a = disk.element("address").orElse(null);
        if (a == null || !"drive".equals(a.attribute("type").orElse(""))) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder();
        for (String part : List.of("controller", "bus", "target", "unit")) {
            String value = a.attribute(part).orElse("0");
            if (!value.matches("[0-9]{1,9}")) {
                return Optional.empty(); // the parser's own error, not modelled
            }
            s.append(s.length() == 0 ? "" : " ").append(part).append("='").append(Integer.parseInt(value)).append("'");
        }
        return Optional.of(s.toString());
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
