package org.credanalytics.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.StartupErrors;
import org.credanalytics.api.ApiException;
import org.credanalytics.audit.AuditLog;
import org.credanalytics.db.CommandDatabase;

/**
 * {@code import FILE... config.yml}: imports history files into one import, as {@code POST
 * /v1/imports} does, in this process (the service may run meanwhile). Each file is a part: NDJSON
 * ({@code .ndjson}, {@code .jsonl}) or a JSON array ({@code .json}), gzip if its name ends in
 * {@code .gz}. Every file is read and checked first; then the events are applied, with a progress
 * bar (events/s, ETA) on a terminal and a line every 10 s otherwise. Prints the import as JSON at
 * the end; exits non-zero if it failed.
 */
public final class ImportCommand extends ConfiguredCommand<AnalyticsConfiguration> {
    public ImportCommand() {
        super("import", "Import history files (NDJSON or JSON arrays, .gz allowed) into the rollups, as one import");
    }

    @Override
    public void configure(Subparser subparser) {
        // One positional list, files then the configuration: ConfiguredCommand's own optional
        // file argument would never get a value after a list that takes one or more.
        subparser.addArgument("files").nargs("+").metavar("FILE")
                .help("event files, one part each, then the configuration file (service/config.yml)");
        subparser.addArgument("--institution").type(Long.class)
                .help("refuse events of any other institution (as an institution key's import)");
        subparser.addArgument("--atomic").action(Arguments.storeTrue())
                .help("a file with an invalid event stores nothing of itself, and each file is one transaction");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        List<String> arguments = namespace.getList("files");
        if (arguments.size() < 2) {
            throw new IllegalArgumentException("give one or more files, then the configuration file");
        }
        Map<String, Object> attributes = new HashMap<>(namespace.getAttrs());
        attributes.put("file", arguments.get(arguments.size() - 1));
        attributes.put("files", List.copyOf(arguments.subList(0, arguments.size() - 1)));
        super.run(bootstrap, new Namespace(attributes));
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof ApiException api) {
            cli.getStdErr().println("import refused: " + api.getMessage());
            api.errors().stream().limit(20).forEach(error -> cli.getStdErr().println("  line " + error.index()
                    + (error.field() == null ? "" : " " + error.field()) + ": " + error.message()));
        } else if (!StartupErrors.explain(cli, "import", e)) {
            super.onError(cli, namespace, e);
        }
    }

    @Override
    protected void run(Bootstrap<AnalyticsConfiguration> bootstrap, Namespace namespace,
                       AnalyticsConfiguration configuration) throws Exception {
        List<Path> files = namespace.<String>getList("files").stream().map(Path::of).toList();
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file);
            }
        }
        Long institution = namespace.get("institution");
        boolean atomic = namespace.getBoolean("atomic");
        ObjectMapper mapper = bootstrap.getObjectMapper().copy().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        try (CommandDatabase database = CommandDatabase.open(configuration, "import-command")) {
            database.migrator().migrate();
            ImportSetup setup = ImportSetup.create(database.jdbi(), configuration.getImports(),
                    (int) configuration.getIngest().getMaxMetadataSize().toBytes(),
                    configuration.getIngest().getMaxFutureSkew().toJavaDuration(),
                    configuration.getRetention().getRawEvents().toJavaDuration(),
                    configuration.getRollup().getMaxValuesPerDay(), configuration.getRollup().getWorkMem().toKibibytes(),
                    new SimpleMeterRegistry(), mapper);
            ImportView result = run(setup, files, new Imports.Requester(null, institution), atomic, System.err);
            System.out.println(mapper.writeValueAsString(result));
            AuditLog.command(Clock.systemUTC(), "import " + String.join(" ", namespace.<String>getList("files")),
                    "import " + result.id() + " " + result.state() + ", " + result.imported() + " imported");
            if (!ImportState.DONE.equals(result.state())) {
                throw new IllegalStateException("import " + result.id() + " " + result.state() + ": " + result.error());
            }
        }
    }

    static ImportView run(ImportSetup setup, List<Path> files, Imports.Requester who, boolean atomic, PrintStream err)
            throws IOException {
        List<PartApplier.QueuedPart> parts = new ArrayList<>();
        try {
            Long importId = null;
            for (Path file : files) {
                err.println("reading " + file);
                try (InputStream in = open(file)) {
                    PartApplier.QueuedPart part = setup.imports().receive(importId,
                            who, new Imports.Body(in, !file.toString().replaceAll("\\.gz$", "").endsWith(".json"), false),
                            atomic);
                    parts.add(part);
                    importId = part.importId();
                }
            }
            long total = parts.stream().mapToLong(part -> part.spool().count()).sum();
            ProgressBar progress = new ProgressBar(err, total, System.console() != null);
            for (PartApplier.QueuedPart part : parts) {
                try {
                    setup.applier().apply(part, progress::advance);
                } catch (Exception e) {
                    setup.removal().fail(part.importId(), "file " + files.get(part.part() - 1) + " could not be applied: "
                            + PartApplier.describe(e) + "; the import's events were removed");
                    break;
                }
            }
            progress.finish();
            return setup.imports().find(importId, who);
        } finally {
            parts.forEach(part -> part.spool().delete());
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
