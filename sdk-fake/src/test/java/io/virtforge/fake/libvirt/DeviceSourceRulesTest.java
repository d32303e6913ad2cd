package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INTERNAL_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INVALID_ARG;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.fake.libvirt.RuleDocs.pc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ChardevRules}, {@link NetRules}, {@link InputRules} and {@link HostdevRules}: device rules of libvirt 9.0,
 * with its words (libvirt's corpus: chardev-reconnect-*, virtio-rng-egd-crash, net-*, virtio-transitional-*,
 * hostdev-mdev-*, hostdev-scsi-vhost-*).
 */
class DeviceSourceRulesTest {
    private final RuleDocs docs = new RuleDocs();

    @AfterEach
    void close() {
        docs.close();
    }

    @Test
    void chardevSourcesNeedAPathAndReconnectOnlyInConnectMode() {
        docs.refused(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "internal error: chardev reconnect is possible only for "
                + "connect mode", pc("<channel type='unix'><source mode='connect' path='/tmp/channel/domain-old/asdf'>"
                        + "<reconnect enabled='yes' timeout='10'/></source><target type='virtio' name='asdf'/></channel>"));
        docs.accepted(pc("<channel type='unix'><source mode='connect' path='/tmp/asdf.sock'>"
                + "<reconnect enabled='yes' timeout='10'/></source><target type='virtio' name='asdf'/></channel>"));
        docs.refused(VIR_ERR_INVALID_ARG, VIR_FROM_QEMU, "invalid argument: chardev reconnect source timeout cannot be '0'",
                pc("<channel type='tcp'><source host='localhost' service='1234'><reconnect enabled='yes' timeout='0'/>"
                        + "</source><target type='virtio' name='asdf'/></channel>"));
        docs.refused(VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "internal error: Missing source path attribute for char "
                + "device", pc("<rng model='virtio'><backend model='egd' type='unix'><source mode='connect' host='1.2.3.4' "
                        + "service='1234'/></backend></rng>"));
    }

    @Test
    void debiansLibvirtHasNoPasstAndVirtioQueuesArePowersOfTwo() {
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: Invalid value for attribute 'type' in element "
                + "'backend': 'passt'.", pc("<interface type='user'><backend type='passt'/><model type='virtio'/>"
                        + "</interface>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: rx_queue_size has to be a "
                + "power of two", pc("<interface type='user'><model type='virtio'/><driver rx_queue_size='511'/>"
                        + "</interface>"));
        docs.accepted(pc("<interface type='user'><model type='virtio'/><driver rx_queue_size='512'/></interface>"));
    }

    @Test
    void virtioInputsHaveNoTransitionalModels() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: virtio (non-)transitional "
                + "models are not supported for input type=keyboard",
                pc("<input type='keyboard' bus='virtio' model='virtio-transitional'/>"));
        docs.accepted(pc("<input type='keyboard' bus='virtio' model='virtio'/>"));
    }

    @Test
    void mediatedDevicesNameAUuidOneRamfbAndADisplayNeedsGraphics() {
        String mdev = "<hostdev mode='subsystem' type='mdev' model='vfio-pci' %s><source><address "
                + "uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/></source>%s</hostdev>";
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: Missing 'uuid' attribute for "
                + "element <address>", pc("<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address/>"
                        + "</source></hostdev>"));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: Unsupported address type 'drive' with mediated device "
                + "model 'vfio-pci'", pc(String.format(mdev, "", "<address type='drive' controller='0' bus='0' "
                        + "target='0' unit='0'/>")));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: Only one vgpu device can have "
                + "'ramfb' enabled", pc(String.format(mdev, "display='on' ramfb='on'", "") + String.format(mdev
                        .replace("53764d0e", "53764d0f"), "display='on' ramfb='on'", "") + "<graphics type='vnc'/>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: graphics device is needed for "
                + "attribute value 'display=on' in <hostdev>", pc(String.format(mdev, "display='on'", "")));
        docs.accepted(pc(String.format(mdev, "display='on'", "") + "<graphics type='vnc'/>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: booting from assigned devices "
                + "is not supported by vhost SCSI devices", pc("<hostdev mode='subsystem' type='scsi_host' managed='no'>"
                        + "<source protocol='vhost' wwpn='naa.5123456789abcde0'/><boot order='1'/></hostdev>"));
    }
}
