package io.virtforge.fake.libvirt;

import io.virtforge.model.Domain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The fake hypervisor's domains by UUID and by name, with libvirt's uniqueness rules
 * ({@code virDomainObjListAdd}): a UUID found under another name is "already defined", a name found under
 * another UUID "already exists". Guarded by the connection's lock.
 */
final class DomainTable {
    private final Map<UUID, DomainEntry> byUuid = new LinkedHashMap<>();
    private final Map<String, DomainEntry> byName = new LinkedHashMap<>();
    private int lastId;

    Optional<DomainEntry> get(UUID uuid) {
        return Optional.ofNullable(byUuid.get(uuid));
    }

    Optional<DomainEntry> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The entry a definition with a UUID (normalized: it always has one) goes to: the existing one of the same
     * UUID and name, or a new one; throws when the UUID or the name belongs to another domain.
     */
    DomainEntry entryFor(Domain d) {
        UUID uuid = d.uuid().orElseThrow();
        DomainEntry same = byUuid.get(uuid);
        if (same != null) {
            if (!same.name.equals(d.name())) {
                throw FakeErrors.uuidTaken(same.name, uuid);
            }
            return same;
        }
        DomainEntry other = byName.get(d.name());
        if (other != null) {
            throw FakeErrors.nameTaken(d.name(), other.uuid);
        }
        return new DomainEntry(uuid, d.name());
    }

    void put(DomainEntry e) {
        byUuid.put(e.uuid, e);
        byName.put(e.name, e);
    }

    void remove(DomainEntry e) {
        byUuid.remove(e.uuid);
        byName.remove(e.name);
    }

    boolean contains(DomainEntry e) {
        return byUuid.get(e.uuid) == e;
    }

    List<DomainEntry> all() {
        return new ArrayList<>(byUuid.values());
    }

    int nextId() {
        return ++lastId;
    }
}
