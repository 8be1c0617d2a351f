package org.credanalytics.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Where each table lives on Citus, by table name, as the comment section that ends
 * {@code sql/schema.sql}. Read either from the migrations' own {@code create_distributed_table} and
 * {@code create_reference_table} calls (with the tables they drop and rename), which needs no Citus,
 * or from {@code pg_dist_partition} on a Citus coordinator, which is the truth the first must match.
 * A table neither names is local.
 */
final class Distribution {
    static final String LOCAL = "Local (plain tables on the coordinator only)";
    static final String REFERENCE = "Reference tables (a full copy on every node)";
    private static final String EVENTS = "analytics_events";
    private static final Pattern STATEMENT = Pattern.compile(
            "create_distributed_table\\(\\s*'(?<dist>\\w+)'\\s*,\\s*'(?<column>\\w+)'(?:\\s*,\\s*colocate_with\\s*=>\\s*'(?<with>\\w+)')?\\s*\\)"
                    + "|create_reference_table\\(\\s*'(?<ref>\\w+)'\\s*\\)"
                    + "|ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?<from>\\w+)\\s+RENAME\\s+TO\\s+(?<to>\\w+)"
                    + "|DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?<dropped>\\w+(?:\\s*,\\s*\\w+)*)",
            Pattern.CASE_INSENSITIVE);

    private Distribution() {
    }

    static String distributed(String column, boolean withEvents) {
        return "Distributed by " + column + (withEvents ? ", co-located with " + EVENTS : ", NOT co-located with " + EVENTS);
    }

    /** The placements the migrations in {@code sqlDirectory} (V*.sql) leave, replayed in version order. */
    static Map<String, String> fromMigrations(Path sqlDirectory) {
        Map<String, Table> tables = new HashMap<>();
        for (Path migration : migrations(sqlDirectory)) {
            replay(read(migration), tables);
        }
        Map<String, String> placements = new HashMap<>();
        Table events = tables.get(EVENTS);
        tables.forEach((name, table) -> placements.put(name, table.column == null ? REFERENCE
                : distributed(table.column, events != null && table.group.equals(events.group))));
        return placements;
    }

    /** One migration's statements, applied in order to what the earlier ones left. */
    static void replay(String sql, Map<String, Table> tables) {
        Matcher m = STATEMENT.matcher(sql.replaceAll("--[^\n]*", ""));
        while (m.find()) {
            if (m.group("dist") != null) {
                String group = m.group("with") == null ? "default " + m.group("column") : groupOf(tables, m.group("with"));
                tables.put(m.group("dist"), new Table(m.group("column"), group));
            } else if (m.group("ref") != null) {
                tables.put(m.group("ref"), new Table(null, "reference"));
            } else if (m.group("from") != null) {
                Table moved = tables.remove(m.group("from"));
                if (moved != null) {
                    tables.put(m.group("to"), moved);
                }
            } else {
                Arrays.stream(m.group("dropped").split(",")).map(String::strip).forEach(tables::remove);
            }
        }
    }

    private static String groupOf(Map<String, Table> tables, String name) {
        Table table = tables.get(name);
        if (table == null || table.column == null) {
            throw new IllegalStateException("colocate_with => '" + name + "', which is no distributed table at that point");
        }
        return table.group;
    }

    /** A distributed table's column and co-location group, or a reference table's (column null). */
    record Table(String column, String group) {
    }

    /** The placements Citus's own catalog holds (tables of the public schema, partitions left out). */
    static Map<String, String> fromCitus(Jdbi jdbi) {
        Map<String, String> placements = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                SELECT c.relname, p.partmethod, p.repmodel,
                       CASE WHEN p.partmethod = 'h' THEN column_to_column_name(p.logicalrelid, p.partkey) END AS col,
                       p.colocationid = (SELECT colocationid FROM pg_dist_partition
                                         WHERE logicalrelid = 'public.analytics_events'::regclass) AS with_events
                FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
                WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relispartition""")
                .map((rs, ctx) -> Map.entry(rs.getString("relname"), switch (rs.getString("partmethod")) {
                    case "h" -> distributed(rs.getString("col"), rs.getBoolean("with_events"));
                    case "n" -> "t".equals(rs.getString("repmodel")) ? REFERENCE
                            : "Citus local tables (on the coordinator, in Citus's metadata)";
                    default -> "Distributed by method " + rs.getString("partmethod");
                }))
                .forEach(e -> placements.put(e.getKey(), e.getValue())));
        return placements;
    }

    /**
     * The section: every one of {@code tables} under its placement, distributed tables first, local
     * ones last, names in alphabetical order.
     */
    static String render(List<String> tables, Map<String, String> placements) {
        Map<String, List<String>> byPlacement = new TreeMap<>(Comparator
                .comparing((String p) -> p.equals(LOCAL) ? 2 : p.equals(REFERENCE) ? 1 : 0)
                .thenComparing(Comparator.naturalOrder()));
        byPlacement.put(LOCAL, new ArrayList<>());
        for (String table : tables.stream().sorted().toList()) {
            byPlacement.computeIfAbsent(placements.getOrDefault(table, LOCAL), p -> new ArrayList<>()).add(table);
        }
        StringBuilder out = new StringBuilder();
        byPlacement.forEach((placement, names) -> {
            out.append("--\n-- ").append(placement).append(":\n");
            if (names.isEmpty()) {
                out.append("--   (none)\n");
            }
            names.forEach(name -> out.append("--   ").append(name).append('\n'));
        });
        return out.toString();
    }

    private static List<Path> migrations(Path sqlDirectory) {
        try (Stream<Path> files = Files.list(sqlDirectory)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
