package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * libvirt 9.0's parser rules for {@code <seclabel>} (virSecurityLabelDefsParseXML and
 * virSecurityDeviceLabelDefParseXML, domain_conf.c), with its codes and words: one label per security model, on the
 * domain and on each disk source (35/20), and every domain label names its model when there are several (27/20).
 */
final class SecurityLabelRules {
    private SecurityLabelRules() {
    }

    static void check(String name, GuestMachine g) {
        List<XmlElement> labels = g.xml().elements("seclabel");
        modelsOnce(name, labels);
        if (labels.size() > 1 && labels.stream().anyMatch(l -> l.attribute("model").isEmpty())) {
            throw FakeErrors.xmlError(name, "missing security model when using multiple labels");
        }
        for (XmlElement disk : g.devices("disk")) {
            disk.element("source").ifPresent(source -> modelsOnce(name, source.elements("seclabel")));
        }
    }

    private static void modelsOnce(String name, List<XmlElement> labels) {
        List<String> seen = new ArrayList<>();
        for (XmlElement label : labels) {
            String model = label.attribute("model").orElse(null);
            if (model != null && seen.contains(model)) {
                throw FakeErrors.xmlDetail(name, "seclabel for model " + model + " is already provided");
            }
            if (model != null) {
                seen.add(model);
            }
        }
    }
}
