package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_DETAIL;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.fake.libvirt.RuleDocs.doc;
import static io.virtforge.fake.libvirt.RuleDocs.numa;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link NumaRules}: libvirt 9.0's numatune, hugepage and memory hotplug rules, with its words (libvirt's corpus, numatune-*, hugepages-*, memory-hotplug-*). */
class NumaRulesTest {
    private final RuleDocs docs = new RuleDocs();

    @AfterEach
    void close() {
        docs.close();
    }

    private static String numatune(String content) {
        return "<numatune>" + content + "</numatune>" + numa(2);
    }

    @Test
    void aStaticPlacementNeedsANonEmptyNodeset() {
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: Invalid value of "
                + "'nodeset': 0,^0", doc("pc", "", numatune("<memory mode='strict' nodeset='0,^0'/>"), ""));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: nodeset for NUMA memory "
                + "tuning must be set if 'placement' is 'static'",
                doc("pc", "", numatune("<memory mode='interleave' placement='static'/>"), ""));
        docs.accepted(doc("pc", "", numatune("<memory mode='strict' nodeset='0'/>"), ""));
    }

    @Test
    void memnodesNeedAStaticPlacementAndRestrictiveModeThroughout() {
        String autoTune = "<numatune><memory placement='auto'/><memnode cellid='0' mode='strict' nodeset='0'/></numatune>";
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_DOMAIN, "unsupported configuration: Per-node binding is not "
                + "compatible with automatic NUMA placement.", doc("pc", "", autoTune + numa(1), ""));
        docs.refused(VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN, "XML error: 'restrictive' mode is required in memnode element "
                + "when mode is 'restrictive' in memory element", doc("pc", "", numatune("<memory mode='restrictive' "
                        + "nodeset='0'/><memnode cellid='1' nodeset='0'/>"), ""));
        docs.accepted(doc("pc", "", numatune("<memory mode='restrictive' nodeset='0'/>"
                + "<memnode cellid='1' mode='restrictive' nodeset='0'/>"), ""));
    }

    @Test
    void hugepageNodesetsNameGuestCellsAndOneSizeIsTheDefault() {
        String twoMasters = "<memoryBacking><hugepages><page size='1048576' unit='KiB'/>"
                + "<page size='2048' unit='KiB' nodeset='0'/></hugepages></memoryBacking>";
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "two master hugepages detected: 2048 and 1048576",
                doc("pc", "", twoMasters, ""));
        docs.accepted(doc("pc", "", twoMasters + numa(1), ""));
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "hugepages: node 1 not found", doc("pc", "",
                "<memoryBacking><hugepages><page size='2048' unit='KiB' nodeset='1'/></hugepages></memoryBacking>", ""));
    }

    @Test
    void memoryHotplugNeedsGuestNumaAndDevicesAnExistingNode() {
        String maxMemory = "<maxMemory slots='4' unit='GiB'>4</maxMemory>";
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: At least one numa node has to "
                + "be configured when enabling memory hotplug", doc("pc", "", maxMemory, ""));
        String dimm = "<memory model='dimm'><target><size unit='MiB'>128</size><node>1</node></target></memory>";
        docs.refused(VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN, "can't add memory backend for guest node '1' as the guest has "
                + "only '1' NUMA nodes configured", doc("pc", "", maxMemory + numa(1), dimm));
        docs.accepted(doc("pc", "", maxMemory + numa(2), dimm));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: cannot use/hotplug a memory "
                + "device when domain 'maxMemory' is not defined", doc("pc", "", numa(2), dimm));
        docs.refused(VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, "unsupported configuration: memory device count '2' "
                + "exceeds slots count '1'", doc("pc", "", "<maxMemory slots='1' unit='GiB'>4</maxMemory>" + numa(2),
                        dimm + dimm));
    }
}
