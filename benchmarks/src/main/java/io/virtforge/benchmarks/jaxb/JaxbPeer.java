package io.virtforge.benchmarks.jaxb;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.StringReader;
import java.io.StringWriter;

/**
 * The JAXB peer of the codec: one {@link JAXBContext} per model variant, built once per JVM, and a
 * {@link Session} holding an {@link Unmarshaller} and a {@link Marshaller} created once and reused.
 * JAXB unmarshallers and marshallers are not thread-safe, so a session belongs to one thread (the
 * benchmark keeps it in a {@code @State(Scope.Thread)}); this is the faster of the two usual ways,
 * the other being to create both per call from the shared context. The unmarshaller also caches its
 * SAX {@code XMLReader}, so a session reuses the parser too.
 */
public final class JaxbPeer {
    private JaxbPeer() {
    }

    /** The two variants of the same classes. */
    public enum Variant {
        /** {@code @XmlAnyElement} (W3C DOM) and {@code @XmlAnyAttribute} on every class. */
        ANY(JaxbAnyModel.classes()),
        /** The same classes without any-element or any-attribute. */
        PLAIN(JaxbPlainModel.classes());

        private final Class<?>[] classes;
        private volatile JAXBContext context;

        Variant(Class<?>[] classes) {
            this.classes = classes;
        }

        /** The variant's context, built on first use and kept. */
        public JAXBContext context() {
            JAXBContext c = context;
            if (c == null) {
                synchronized (this) {
                    c = context;
                    if (c == null) {
                        try {
                            c = JAXBContext.newInstance(classes);
                        } catch (JAXBException e) {
                            throw new IllegalStateException("JAXB context for " + this + ": " + e, e);
                        }
                        context = c;
                    }
                }
            }
            return c;
        }

        /** A new session (one thread only). */
        public Session session() {
            return new Session(context());
        }
    }

    /** An unmarshaller and a marshaller for one thread. */
    public static final class Session {
        private final Unmarshaller unmarshaller;
        private final Marshaller marshaller;

        Session(JAXBContext context) {
            try {
                unmarshaller = context.createUnmarshaller();
                marshaller = context.createMarshaller();
                // as close to the codec's output as JAXB gets: indented, no XML declaration
                marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.TRUE);
                marshaller.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
            } catch (JAXBException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Unmarshals a document from a string. */
        public Object unmarshal(String xml) {
            try {
                return unmarshaller.unmarshal(new StringReader(xml));
            } catch (JAXBException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Marshals a model object to a string. */
        public String marshal(Object model) {
            StringWriter out = new StringWriter(2048);
            try {
                marshaller.marshal(model, out);
            } catch (JAXBException e) {
                throw new IllegalStateException(e);
            }
            return out.toString();
        }
    }

    /** The values the check compares. */
    public record Key(String name, int vcpus, int vcpupins, String diskFile, int anyElements, int anyAttributes) {
        @Override
        public String toString() {
            return "name=" + name + " vcpu=" + vcpus + " vcpupins=" + vcpupins + " disk=" + diskFile
                    + " (kept by any: " + anyElements + " elements, " + anyAttributes + " attributes)";
        }
    }

    /** The key values of an unmarshalled document of either variant. */
    public static Key key(Object model) {
        if (model instanceof JaxbAnyModel.Domain d) {
            String disk = null;
            for (Object dev : d.devices.devices) {
                if (dev instanceof JaxbAnyModel.Disk k && k.source != null) {
                    disk = k.source.file;
                }
            }
            return new Key(d.name, d.vcpu.value, d.cputune.vcpupins.size(), disk,
                    d.any == null ? 0 : d.any.size(), d.otherAttributes.size());
        }
        if (model instanceof JaxbPlainModel.Domain d) {
            String disk = null;
            for (Object dev : d.devices.devices) {
                if (dev instanceof JaxbPlainModel.Disk k && k.source != null) {
                    disk = k.source.file;
                }
            }
            return new Key(d.name, d.vcpu.value, d.cputune.vcpupins.size(), disk, 0, 0);
        }
        throw new IllegalArgumentException("not a JAXB peer domain: " + model);
    }

    /**
     * Checks that a variant unmarshals the document's key values and that they survive marshal and
     * unmarshal again, so the benchmark does not measure an empty parse. Returns a one-line summary.
     */
    public static String check(Variant variant, String xml, String name, int vcpus, int vcpupins) {
        Session s = variant.session();
        Object first = s.unmarshal(xml);
        Key k1 = key(first);
        String written = s.marshal(first);
        Key k2 = key(s.unmarshal(written));
        for (Key k : new Key[] {k1, k2}) {
            if (!name.equals(k.name()) || k.vcpus() != vcpus || k.vcpupins() != vcpupins || k.diskFile() == null) {
                throw new IllegalStateException("JAXB " + variant + " lost the seed's key values: " + k
                        + " (expected name=" + name + " vcpu=" + vcpus + " vcpupins=" + vcpupins + ")");
            }
        }
        if (!k1.equals(k2)) {
            throw new IllegalStateException("JAXB " + variant + " round trip changed " + k1 + " into " + k2);
        }
        return "JAXB " + variant + " round-trips the seed: " + k1 + "; marshalled " + written.length() + " chars";
    }

    /**
     * Counts, over a whole unmarshalled tree of the {@link JaxbAnyModel}, the elements kept in
     * any-element lists (each a W3C DOM subtree the unmarshaller built) and the attributes kept in
     * any-attribute maps. Zero for the plain model.
     */
    public static long[] keptByAny(Object model) {
        long[] counts = new long[2];
        walk(model, counts);
        return counts;
    }

    private static void walk(Object o, long[] counts) {
        if (o == null || !o.getClass().getName().startsWith(JaxbAnyModel.class.getName())) {
            return;
        }
        if (o instanceof JaxbAnyModel.Extensible e) {
            counts[0] += e.any == null ? 0 : e.any.size();
            counts[1] += e.otherAttributes.size();
        }
        for (java.lang.reflect.Field f : o.getClass().getFields()) {
            try {
                Object v = f.get(o);
                if (v instanceof java.util.Map<?, ?> m && f.getName().equals("otherAttributes")
                        && !(o instanceof JaxbAnyModel.Extensible)) {
                    counts[1] += m.size();
                } else if (v instanceof java.util.List<?> list) {
                    for (Object item : list) {
                        walk(item, counts);
                    }
                } else {
                    walk(v, counts);
                }
            } catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Runs the check of both variants on the seed. */
    public static void main(String[] args) {
        String seed = io.virtforge.benchmarks.BenchCorpus.seed();
        for (Variant v : Variant.values()) {
            System.out.println(check(v, seed, "high-perf-vm", 8, 8));
        }
        if (args.length > 0 && args[0].equals("--print")) {
            for (Variant v : Variant.values()) {
                Session s = v.session();
                System.out.println("--- " + v);
                System.out.print(s.marshal(s.unmarshal(seed)));
            }
        }
    }
}
