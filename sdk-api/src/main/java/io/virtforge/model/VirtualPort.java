package io.virtforge.model;

import io.virtforge.xml.XmlElement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <virtualport type>} with its {@code <parameters .../>}: the switch port profile of an
 * interface (802.1Qbg, 802.1Qbh, openvswitch, midonet).
 */
public final class VirtualPort extends XmlModel {
    private final String type;
    private final Map<String, String> parameters;

    private VirtualPort(ElementReader r) {
        super(r.element());
        type = r.attr("type");
        ElementReader p = r.sub("parameters");
        Map<String, String> map = new LinkedHashMap<>();
        XmlElement pe = p.element();
        for (int i = 0; i < pe.attributeCount(); i++) {
            map.put(pe.attributeName(i), p.attr(pe.attributeName(i)));
        }
        p.done();
        parameters = java.util.Collections.unmodifiableMap(map);
    }

    static VirtualPort read(XmlElement e, ParseContext c) {
        ElementReader r = c.open(e);
        return r.done(new VirtualPort(r));
    }

    /** 802.1Qbg, 802.1Qbh, openvswitch or midonet. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** The parameters (profileid, interfaceid, managerid, typeid, typeidversion, instanceid...), in document order. */
    public Map<String, String> parameters() {
        return parameters;
    }
}
