package io.virtforge.fake.libvirt;

import io.virtforge.xml.XmlElement;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libvirt 9.0's parser rules for SMBIOS {@code <sysinfo>} (virSysinfoBIOSParseXML and virSysinfoSystemParseXML,
 * domain_conf.c), with its code (35/20) and words: a BIOS date is mm/dd/yy or mm/dd/yyyy (a year from 1900), and a
 * system UUID is the domain's.
 */
final class SysinfoRules {
    private SysinfoRules() {
    }

    /** Three integers as strtol reads them (leading blanks, a sign), separated by '/'. */
    private static final Pattern DATE = Pattern.compile("\\s*([+-]?\\d{1,9})/\\s*([+-]?\\d{1,9})/\\s*([+-]?\\d{1,9})");

    static void check(String name, GuestMachine g) {
        for (XmlElement sysinfo : g.xml().elements("sysinfo")) {
            if (!"smbios".equals(sysinfo.attribute("type").orElse(""))) {
                continue;
            }
            entry(sysinfo, "bios", "date").ifPresent(date -> {
                if (!validDate(date)) {
                    throw FakeErrors.xmlDetail(name, "Invalid BIOS 'date' format");
                }
            });
            Optional<String> domainUuid = g.at("uuid").map(u -> hex(u.text()));
            entry(sysinfo, "system", "uuid").map(SysinfoRules::hex).ifPresent(uuid -> {
                if (uuid.matches("[0-9a-f]{32}") && domainUuid.filter(u -> u.matches("[0-9a-f]{32}")).isPresent()
                        && !uuid.equals(domainUuid.get())) {
                    throw FakeErrors.xmlDetail(name, "UUID mismatch between <uuid> and <sysinfo>");
                }
            });
        }
    }

    private static Optional<String> entry(XmlElement sysinfo, String block, String entry) {
        return sysinfo.element(block).flatMap(b -> b.elements("entry").stream()
                .filter(e -> entry.equals(e.attribute("name").orElse(""))).findFirst()).map(XmlElement::text).filter(t -> !t.isEmpty());
    }

    private static boolean validDate(String date) {
        Matcher m = DATE.matcher(date);
        if (!m.matches()) {
            return false;
        }
        int month = Integer.parseInt(m.group(1));
        int day = Integer.parseInt(m.group(2));
        int year = Integer.parseInt(m.group(3));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 0 && (year < 100 || year >= 1900);
    }

    /** A UUID's hex digits, lower case (libvirt's parser skips '-' and blanks between them). */
    private static String hex(String uuid) {
        return uuid.replaceAll("[-\\s]", "").toLowerCase(Locale.ROOT);
    }
}
