package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;

/**
 * libvirt 9.0's define-time rules for PCI controllers, with its codes and words: a PCI root has no address
 * ({@code virDomainControllerDefValidate}, domain_validate.c: 67/20); and from the QEMU driver's
 * {@code qemuDomainControllerDefPostParse} (qemu_domain.c): a PCI root has index 0 but on pSeries (27/10), a
 * pci-expander-bus needs an i440FX and a pcie-expander-bus a Q35 or ARM virt machine (67/10), and a controller's
 * NUMA node must be one of the guest's NUMA cells (27/10).
 */
final class PciControllerRules {
    private PciControllerRules() {
    }

    static void check(String name, GuestMachine g) {
        for (XmlElement c : g.devices("controller")) {
            if (!"pci".equals(c.attribute("type").orElse(""))) {
                continue;
            }
            String model = c.attribute("model").orElse("");
            String index = c.attribute("index").orElse("0");
            boolean root = model.equals("pci-root") || model.equals("pcie-root");
            if (root && c.element("address").isPresent()) {
                throw FakeErrors.configUnsupported(name, "pci-root and pcie-root controllers should not have an address");
            }
            if (root && !index.equals("0") && !g.isPSeries() && g.machineKnown()) {
                throw FakeErrors.qemuXmlError(name, "pci-root and pcie-root controllers should have index 0");
            }
            if (model.equals("pci-expander-bus") && !g.isI440fx() && g.machineKnown()) {
                throw FakeErrors.qemuUnsupported(name,
                        "pci-expander-bus controllers are only supported on 440fx-based machinetypes");
            }
            if (model.equals("pcie-expander-bus") && !g.isQ35() && !g.isArmVirt() && g.machineKnown()) {
                throw FakeErrors.qemuUnsupported(name, "pcie-expander-bus controllers are not supported with this "
                        + "machine type");
            }
            String node = c.element("target").flatMap(t -> t.element("node")).map(n -> n.text().trim()).orElse("");
            if (node.matches("[0-9]{1,9}") && c.attribute("index").isPresent()
                    && Integer.parseInt(node) >= g.numaCells()) {
                throw FakeErrors.qemuXmlError(name, model + " with index " + index + " is configured for a NUMA node ("
                        + node + ") not present in the domain's <cpu><numa> array (" + g.numaCells() + ")");
            }
        }
    }
}
