package io.virtforge.testkit;

import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;

/** libvirt node device XML of a PCI function, as {@code virsh nodedev-dumpxml} writes it (what the tests need of it). */
final class NodeDevices {
    private NodeDevices() {
    }

    private static String address(PciAddress a) {
        return "<address domain='" + a.xmlDomain() + "' bus='" + a.xmlBus() + "' slot='" + a.xmlSlot() + "' function='"
                + a.xmlFunction() + "'/>";
    }

    static String xml(PciDevice d) {
        PciAddress a = d.address();
        StringBuilder sb = new StringBuilder("<device>\n  <name>" + a.nodeDeviceName() + "</name>\n  <parent>computer</parent>\n");
        d.driver().ifPresent(x -> sb.append("  <driver>\n    <name>").append(x).append("</name>\n  </driver>\n"));
        sb.append("  <capability type='pci'>\n").append(String.format("    <class>0x%06x</class>\n", d.classCode()))
                .append("    <domain>").append(a.domain()).append("</domain>\n    <bus>").append(a.bus())
                .append("</bus>\n    <slot>").append(a.slot()).append("</slot>\n    <function>").append(a.function())
                .append("</function>\n").append(String.format("    <product id='0x%04x'/>\n", d.deviceId()))
                .append(String.format("    <vendor id='0x%04x'/>\n", d.vendorId()));
        d.physfn().ifPresent(pf -> sb.append("    <capability type='phys_function'>\n      ").append(address(pf))
                .append("\n    </capability>\n"));
        if (d.sriovTotalVfs().isPresent()) {
            sb.append("    <capability type='virt_functions' maxCount='").append(d.sriovTotalVfs().getAsInt()).append("'>\n");
            d.virtfns().forEach(vf -> sb.append("      ").append(address(vf)).append('\n'));
            sb.append("    </capability>\n");
        }
        d.iommuGroup().ifPresent(g -> sb.append("    <iommuGroup number='").append(g).append("'>\n      ").append(address(a))
                .append("\n    </iommuGroup>\n"));
        d.numaNode().ifPresent(n -> sb.append("    <numa node='").append(n).append("'/>\n"));
        return sb.append("  </capability>\n</device>\n").toString();
    }

    static String netXml(PciDevice d) {
        String net = d.netdev().orElseThrow();
        return "<device>\n  <name>net_" + net + "_52_54_00_00_00_01</name>\n  <parent>" + d.address().nodeDeviceName()
                + "</parent>\n  <capability type='net'>\n    <interface>" + net + "</interface>\n  </capability>\n</device>\n";
    }
}
