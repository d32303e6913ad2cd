package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INTERNAL_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.fake.libvirt.RuleDocs.pc;

import io.virtforge.connect.VirtException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DiskRules}: libvirt 9.0's disk rules, with its words (libvirt's corpus, disk-*, luks-*). */
class DiskRulesTest {
    private final RuleDocs docs = new RuleDocs();

    @AfterEach
    void close() {
        docs.close();
    }

    private static String disk(String attributes, String content) {
        return "<disk " + attributes + ">" + content + "</disk>";
    }

    private static final String FILE = "type='file' device='disk'";
    private static final String LUKS = "<encryption format='luks'><secret type='passphrase' "
            + "uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption>";

    @Test
    void oneAuthAndOneEncryptionPerSourceAndNoLuksCipher() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: an <encryption> definition "
                + "already found for disk source", pc(disk(FILE, "<source file='/a.img'>" + LUKS + "</source>" + LUKS
                        + "<target dev='vda' bus='virtio'/>")));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: supplying <cipher> for "
                + "domain disk definition is unnecessary", pc(disk(FILE, "<driver name='qemu' type='raw'/><source "
                        + "file='/a.img'><encryption format='luks'><secret type='passphrase' "
                        + "uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/><cipher name='aes' size='256' mode='cbc'/>"
                        + "</encryption></source><target dev='vda' bus='virtio'/>")));
        docs.accepted(pc(disk(FILE, "<driver name='qemu' type='qcow2'/><source file='/a.img'>" + LUKS + "</source>"
                + "<target dev='vda' bus='virtio'/>")));
    }

    @Test
    void networkAuthenticationNeedsTheProtocolsSecretType() {
        String iscsi = "<source protocol='iscsi' name='iqn.1992-01.com.example:storage/1'><host name='example.org' "
                + "port='6000'/></source><target dev='vda' bus='virtio'/>";
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: unknown secret type "
                + "'<null>'", pc(disk("type='network' device='disk'", "<auth username='u'><secret usage='x'/></auth>"
                        + iscsi)));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: invalid secret type 'ceph'",
                pc(disk("type='network' device='disk'", "<auth username='u'><secret type='ceph' usage='x'/></auth>"
                        + iscsi)));
        docs.accepted(pc(disk("type='network' device='disk'", "<auth username='u'><secret type='iscsi' usage='x'/>"
                + "</auth>" + iscsi)));
    }

    @Test
    void aLunIsABlockDeviceAndDriveAddressesAreUsedOnce() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: disk device='lun' is only "
                + "valid for block type disk source", pc(disk("type='file' device='lun'", "<source file='/a.img'/>"
                        + "<target dev='sda' bus='scsi'/>")));
        docs.accepted(pc(disk("type='block' device='lun'", "<source dev='/dev/sdz'/><target dev='sda' bus='scsi'/>")));
        String address = "<address type='drive' controller='0' bus='0' target='0' unit='0'/>";
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: Found duplicate drive "
                + "address for disk with target name 'sda' controller='0' bus='0' target='0' unit='0'",
                pc(disk(FILE, "<source file='/a.img'/><target dev='sda' bus='scsi'/>" + address)
                        + disk(FILE, "<source file='/b.img'/><target dev='sdb' bus='scsi'/>" + address)));
    }

    @Test
    void drivesLibvirtAddressesCollideWithGivenOnesAndScsiHostDevices() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: Found duplicate drive "
                + "address for disk with target name 'sda' controller='0' bus='0' target='0' unit='0'",
                pc(disk(FILE, "<source file='/a.img'/><target dev='sda' bus='sata'/>") + disk(FILE, "<source "
                        + "file='/b.img'/><target dev='sdb' bus='sata'/><address type='drive' controller='0' bus='0' "
                        + "target='0' unit='0'/>")));
        docs.accepted(pc(disk(FILE, "<source file='/a.img'/><target dev='sda' bus='sata'/>") + disk(FILE, "<source "
                + "file='/b.img'/><target dev='sdb' bus='sata'/><address type='drive' controller='0' bus='0' "
                + "target='0' unit='1'/>")));
        String hostdev = "<hostdev mode='subsystem' type='scsi' managed='no'><source><adapter name='scsi_host2'/>"
                + "<address bus='0' target='0' unit='%d'/></source><address type='drive' controller='0' bus='0' "
                + "target='0' unit='0'/></hostdev>";
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: using disk target name "
                + "'sda' conflicts with SCSI host device address controller='0' bus='0' target='0' unit='0",
                pc(disk("type='block' device='disk'", "<source dev='/dev/sdz'/><target dev='sda' bus='scsi'/>")
                        + String.format(hostdev, 1)));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: SCSI host address "
                + "controller='0' bus='0' target='0' unit='0' in use by another SCSI host device",
                pc(String.format(hostdev, 1) + String.format(hostdev, 2)));
        docs.refused(io.virtforge.connect.VirtException.class, 20, VIR_FROM_DOMAIN, "missing target information for "
                + "device /a.img", pc(disk(FILE, "<source file='/a.img'/>")));
    }

    @Test
    void qemuOpensNeitherCowNorDirNorIsoFormatsAndEncryptsOnlyRawAndQcow2() {
        String[][] cases = {{"cow", "'cow' storage format is not supported"},
            {"dir", "'directory' storage format is not directly supported by QEMU, use 'dir' disk type instead"},
            {"iso", "storage format 'iso' is not directly supported by QEMU, use 'raw' instead"}};
        for (String[] c : cases) {
            docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: " + c[1],
                    pc(disk(FILE, "<driver name='qemu' type='" + c[0] + "'/><source file='/a.img'/>"
                            + "<target dev='hda' bus='ide'/>")));
        }
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: encryption is supported only "
                + "with 'raw' and 'qcow2' image format", pc(disk(FILE, "<driver name='qemu' type='vmdk'/><source "
                        + "file='/a.img'>" + LUKS + "</source><target dev='vda' bus='virtio'/>")));
    }

    @Test
    void targetsVendorsSharingAndUsbAddresses() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: invalid disk target 'vdb1', "
                + "partitions can't appear in disk targets", pc(disk(FILE, "<source file='/a.img'/>"
                        + "<target dev='vdb1' bus='virtio'/>")));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: Only scsi disk supports vendor "
                + "and product", pc(disk(FILE, "<source file='/a.img'/><target dev='vda' bus='virtio'/>"
                        + "<vendor>SEAGATE</vendor>")));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: shared access for disk 'hda' "
                + "requires use of supported storage format", pc(disk(FILE, "<driver name='qemu' type='qcow2'/>"
                        + "<source file='/a.img'/><target dev='hda' bus='ide'/><shareable/>")));
        docs.accepted(pc(disk(FILE, "<driver name='qemu' type='raw'/><source file='/a.img'/>"
                + "<target dev='hda' bus='ide'/><shareable/>")));
        docs.refused(VirtException.class, VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU, "internal error: unexpected address type "
                + "for usb disk", pc(disk(FILE, "<source file='/a.img'/><target dev='sda' bus='usb'/><address type='pci' "
                        + "domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>")));
    }
}
