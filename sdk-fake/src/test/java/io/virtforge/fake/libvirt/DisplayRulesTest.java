package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.fake.libvirt.RuleDocs.pc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DisplayRules}: libvirt 9.0's video and graphics rules, with its words (libvirt's corpus, video-*, graphics-*-egl-headless). */
class DisplayRulesTest {
    private final RuleDocs docs = new RuleDocs();

    @AfterEach
    void close() {
        docs.close();
    }

    @Test
    void onePrimaryVideoANoneAloneAndARamfbWithoutAddress() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: Only one primary video "
                + "device is supported", pc("<video><model type='qxl' primary='yes'/></video>"
                        + "<video><model type='virtio' primary='yes'/></video>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: a 'none' video type must be "
                + "the only video device defined for the domain", pc("<video><model type='none'/></video>"
                        + "<video><model type='vga'/></video>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: address not supported for "
                + "video type ramfb", pc("<video><model type='ramfb'/><address type='pci' domain='0x0000' bus='0x00' "
                        + "slot='0x05' function='0x0'/></video>"));
        docs.accepted(pc("<video><model type='qxl' primary='yes'/></video><video><model type='virtio'/></video>"));
    }

    @Test
    void eglHeadlessPairsOnlyWithVncOrSpiceWithoutGl() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: graphics type 'egl-headless' "
                + "is only supported with one of: 'vnc', 'spice' graphics types",
                pc("<graphics type='sdl'/><graphics type='egl-headless'/>"));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: multiple OpenGL displays are "
                + "not supported by QEMU", pc("<graphics type='spice'><gl enable='yes'/></graphics>"
                        + "<graphics type='egl-headless'/>"));
        docs.accepted(pc("<graphics type='vnc'/><graphics type='egl-headless'/>"));
    }
}
