package org.credanalytics.auth;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.StartupErrors;
import org.credanalytics.audit.AuditLog;
import org.credanalytics.db.CommandDatabase;

/**
 * {@code keys create|list|revoke ... CONFIG}: manages API keys in the configured database. A
 * created key is printed once and only its hash is stored. Revocation reaches running services
 * within their {@code auth.cacheTtl}.
 */
public final class KeysCommand extends ConfiguredCommand<AnalyticsConfiguration> {
    private final PrintStream out = System.out;

    public KeysCommand() {
        super("keys", "Create, list or revoke API keys");
    }

    @Override
    public void configure(Subparser subparser) {
        Subparsers actions = subparser.addSubparsers().dest("action").metavar("ACTION");
        Subparser create = actions.addParser("create").help("create a key and print it (once)");
        create.addArgument("--institution").type(Long.class).help("the institution of an institution key");
        create.addArgument("--admin").action(Arguments.storeTrue()).help("create an admin key (all institutions, platform, cluster)");
        create.addArgument("--scopes").help("comma-separated scopes of an institution key: ingest, read, import");
        create.addArgument("--description").help("a note for key listings");
        create.addArgument("--events-per-second").type(Integer.class).help("override the default events/s limit");
        create.addArgument("--requests-per-second").type(Integer.class).help("override the default requests/s limit");
        addFileArgument(create);
        addFileArgument(actions.addParser("list").help("list keys (never their secrets)"));
        Subparser revoke = actions.addParser("revoke").help("revoke a key by id");
        revoke.addArgument("id").type(Long.class).help("the key's id, from keys list");
        addFileArgument(revoke);
    }

    @Override
    protected void run(Bootstrap<AnalyticsConfiguration> bootstrap, Namespace namespace,
                       AnalyticsConfiguration configuration) throws Exception {
        ApiKeyDao.NewKey newKey = "create".equals(namespace.getString("action")) ? newKey(namespace) : null;
        // The local server of a running service (run-local.sh) is used as it is, never restarted.
        try (CommandDatabase database = CommandDatabase.open(configuration, "keys-command")) {
            database.migrator().migrate();
            ApiKeyDao keys = database.jdbi().onDemand(ApiKeyDao.class);
            switch (namespace.getString("action")) {
                case "create" -> create(keys, newKey);
                case "list" -> list(keys.list(), configuration.getAuth());
                case "revoke" -> revoke(keys, namespace.getLong("id"));
                default -> throw new IllegalArgumentException("unknown action " + namespace.getString("action"));
            }
        }
    }

    private static ApiKeyDao.NewKey newKey(Namespace namespace) {
        Long institution = namespace.getLong("institution");
        String scopes = namespace.getString("scopes");
        Integer events = namespace.getInt("events_per_second");
        Integer requests = namespace.getInt("requests_per_second");
        String description = namespace.getString("description");
        if ((events != null && events < 1) || (requests != null && requests < 1)) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (description != null && description.length() > 200) {
            throw new IllegalArgumentException("--description is limited to 200 characters");
        }
        if (namespace.getBoolean("admin")) {
            if (institution != null || scopes != null) {
                throw new IllegalArgumentException("an admin key has no --institution and no --scopes");
            }
            return new ApiKeyDao.NewKey(KeyKind.ADMIN, null, Set.of(), events, requests, description);
        }
        if (institution == null || institution < 1 || scopes == null) {
            throw new IllegalArgumentException("give --institution ID --scopes ingest,read (or --admin)");
        }
        Set<Scope> parsed = Scope.parseList(scopes);
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("give at least one scope: ingest, read, import");
        }
        return new ApiKeyDao.NewKey(KeyKind.INSTITUTION, institution, parsed, events, requests, description);
    }

    private void create(ApiKeyDao keys, ApiKeyDao.NewKey newKey) {
        KeyMaterial.Generated generated = KeyMaterial.generate();
        ApiKey stored = keys.insert(generated.hash(), generated.prefix(), newKey)
                .orElseThrow(() -> new IllegalStateException("key collision; run the command again"));
        AuditLog.command(Clock.systemUTC(), "keys create", "created " + describe(stored));
        out.println("Created " + describe(stored));
        out.println("Store this key now; it is not shown again:");
        out.println("key: " + generated.plaintext());
    }

    /** Limits without an override show the kind's default from the configuration, marked as such. */
    private void list(List<ApiKey> keys, AuthConfiguration auth) {
        out.printf("%-6s %-14s %-11s %-11s %-12s %-19s %-19s %-28s %-28s %s%n", "id", "prefix", "kind", "institution",
                "scopes", "events/s", "req/s", "created", "revoked", "description");
        for (ApiKey key : keys) {
            KeyLimits defaults = key.kind() == KeyKind.ADMIN ? auth.getAdminLimits() : auth.getInstitutionLimits();
            out.printf("%-6d %-14s %-11s %-11s %-12s %-19s %-19s %-28s %-28s %s%n", key.id(), key.prefix(),
                    key.kind().label(), orDash(key.institutionId()), scopes(key),
                    limit(key.eventsPerSecond(), defaults.getEventsPerSecond()),
                    limit(key.requestsPerSecond(), defaults.getRequestsPerSecond()), key.createdAt(),
                    orDash(key.revokedAt()), orDash(key.description()));
        }
    }

    private static String limit(Integer own, Integer kindDefault) {
        if (own != null) {
            return own.toString();
        }
        return (kindDefault == null ? "unlimited" : kindDefault.toString()) + " (default)";
    }

    private void revoke(ApiKeyDao keys, long id) {
        ApiKey revoked = keys.revoke(id).orElseThrow(
                () -> new IllegalArgumentException("no active key with id " + id + " (see keys list)"));
        AuditLog.command(Clock.systemUTC(), "keys revoke " + id, "revoked " + describe(revoked));
        out.println("Revoked " + describe(revoked) + "; running services refuse it once their key cache expires");
    }

    private static String describe(ApiKey key) {
        return key.kind().label() + " key " + key.id() + " (" + key.prefix() + ")"
                + (key.institutionId() == null ? "" : " for institution " + key.institutionId())
                + (key.scopes().isEmpty() ? "" : " with scopes " + scopes(key));
    }

    private static String scopes(ApiKey key) {
        return key.scopes().isEmpty() ? "-" : String.join(",", key.scopes().stream().map(Scope::label).sorted().toList());
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof IllegalArgumentException) {
            cli.getStdErr().println("keys: " + e.getMessage());
        } else if (!StartupErrors.explain(cli, "keys", e)) {
            super.onError(cli, namespace, e);
        }
    }
}
