package io.virtforge.fleet;

import io.virtforge.model.Domain;
import io.virtforge.model.Metadata;
import io.virtforge.plan.MdevChoice;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import io.virtforge.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The mediated devices a claim is to create, counted as taken until the host shows them. A placeholder names its
 * instances by UUID only (its {@code <hostdev type='mdev'>}); one that does not exist yet would not lower its
 * type's available instances, so the next plan could hand the same last instance to another domain. So the
 * placeholder carries the instances to create in its {@code <metadata>} (one {@code <mdev uuid type parent/>} each,
 * in the namespace {@value #NAMESPACE}), which every store keeps with it (the JDBC store in its placeholder XML),
 * and the overlay adds each such instance to the host, with one instance fewer available of its type on its
 * parent. An instance the host already shows (created since) is not added again.
 */
final class MdevClaims {
    /** The namespace of the claimed instances in a placeholder's metadata. */
    static final String NAMESPACE = "https://virtforge.io/xmlns/fleet-claims/1";

    private MdevClaims() {
    }

    /** The placeholder with the instances its placement is to create in its metadata (as it was when none). */
    static Domain withInstancesToCreate(Domain placeholder, List<MdevChoice> mdevs) {
        List<MdevChoice> toCreate = mdevs.stream().filter(MdevChoice::create).toList();
        if (toCreate.isEmpty()) {
            return placeholder;
        }
        XmlElement.Builder entry = XmlElement.builder("vf:mdevs").attribute("xmlns:vf", NAMESPACE);
        for (MdevChoice c : toCreate) {
            entry.add(XmlElement.builder("vf:mdev").attribute("uuid", c.uuid().toString()).attribute("type", c.type())
                    .attribute("parent", c.parent()).build());
        }
        return placeholder.toBuilder().metadata(Metadata.of(List.of(entry.build()))).build();
    }

    /** The instances a placeholder is to create, read from its metadata. */
    static List<MdevInstance> toCreate(Domain placeholder) {
        List<MdevInstance> out = new ArrayList<>();
        placeholder.metadata().flatMap(m -> m.entry(NAMESPACE)).ifPresent(e -> {
            for (XmlElement m : e.elements("vf:mdev")) {
                out.add(new MdevInstance(UUID.fromString(m.attribute("uuid").orElseThrow()),
                        m.attribute("type").orElseThrow(), m.attribute("parent").orElseThrow(), OptionalInt.empty()));
            }
        });
        return out;
    }

    /** The topology with the placeholders' instances to create added, each taking one available instance. */
    static HostTopology take(HostTopology topology, List<Domain> placeholders) {
        HostTopology current = topology;
        for (Domain placeholder : placeholders) {
            for (MdevInstance i : toCreate(placeholder)) {
                if (current.mdevInstance(i.uuid()).isPresent()) {
                    continue; // created since: the host counts it
                }
                HostTopology.Builder b = current.toBuilder();
                MdevParent parent = current.mdevParent(i.parent()).orElse(null);
                b.mdevInstance(new MdevInstance(i.uuid(), i.type(), i.parent(),
                        parent == null ? OptionalInt.empty() : parent.numaNode()));
                if (parent != null) {
                    b.mdevParent(new MdevParent(parent.device(), parent.numaNode(), parent.types().stream()
                            .map(t -> t.id().equals(i.type()) ? taken(t) : t).toList()));
                }
                current = b.build();
            }
        }
        return current;
    }

    private static MdevType taken(MdevType t) {
        return t.withAvailableInstances(Math.max(0, t.availableInstances() - 1));
    }
}
