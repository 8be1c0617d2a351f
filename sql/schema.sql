-- sql/schema.sql: GENERATED, DO NOT EDIT. Regenerate with: scripts/dump-schema.sh
--
-- The schema as the migrations in sql/ (V1 to V26) leave a new database, for reading: the
-- tables, views, functions, indexes and constraints that exist now, with none of the history
-- of how they came to be. Printed by pg_dump --schema-only --no-owner --no-privileges from a
-- freshly migrated PostgreSQL, without pg_dump's version and SET lines, Flyway's history table
-- (flyway_schema_history), and the daily partitions of analytics_events
-- (analytics_events_pYYYYMMDD, one per UTC day, created by the service; each has the parent's
-- columns, constraints and indexes). Where each table lives on Citus is at the end.
--
-- Flyway never runs this file (the jar packages sql/V*.sql only). To change the schema, add a
-- migration and run scripts/dump-schema.sh again; SchemaFileTest fails until you do.
-- sql/README.md lists the migrations.
--
-- issued_at is the API's occurred_at. The column analytics_events.issued_at (also in
-- import_event_keys and import_staged_events) holds the event's occurred_at: when the
-- credential was issued, viewed or shared, whatever the event_type. The name comes from the
-- first schema (V1) and was kept; it does not mean "issued" for views and shares. created_at
-- is when the service stored the event. issued_at is the partition key of analytics_events,
-- and every rollup bucket (quarter_hour, hour, day, month; local_daily_event_counts.day in its
-- zone) is a bucket of it.

--
-- Name: hll; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS hll WITH SCHEMA public;

--
-- Name: EXTENSION hll; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION hll IS 'type for storing hyperloglog data';

--
-- Name: analytics_actor(text, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_actor(event_type text, metadata jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE event_type WHEN 'credential_issued' THEN metadata ->> 'recipient_id'
                           WHEN 'credential_viewed' THEN metadata ->> 'viewer_id' END
$$;

--
-- Name: analytics_avg_interval(numeric, bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_avg_interval(total_ms numeric, n bigint) RETURNS interval
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN n > 0 THEN make_interval(secs => (total_ms / n / 1000)::double precision) END
$$;

--
-- Name: analytics_create_partitions(date[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_create_partitions(days date[]) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    day     DATE;
    name    TEXT;
    created INTEGER := 0;
BEGIN
    SET LOCAL lock_timeout = '5s';
    PERFORM pg_advisory_xact_lock(hashtext('analytics_events partitions'));
    FOR day IN SELECT DISTINCT d FROM unnest(days) AS d ORDER BY d LOOP
        name := 'analytics_events_p' || to_char(day, 'YYYYMMDD');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF analytics_events FOR VALUES FROM (%L) TO (%L)',
                           name, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

--
-- Name: analytics_credential_type(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_credential_type(metadata jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT COALESCE(NULLIF(left(metadata ->> 'credential_type', 200), ''), 'unknown')
$$;

--
-- Name: analytics_day(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_day(ts timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT date_trunc('day', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
$$;

--
-- Name: analytics_hour(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_hour(ts timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT date_trunc('hour', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
$$;

--
-- Name: analytics_location(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_location(metadata jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT COALESCE(NULLIF(left(metadata ->> 'recipient_location', 100), ''), 'unknown')
$$;

--
-- Name: analytics_merge_counts(jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_merge_counts(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT COALESCE(jsonb_object_agg(key, total), '{}'::jsonb)
    FROM (SELECT key, sum(value::numeric) AS total
          FROM (SELECT * FROM jsonb_each_text(COALESCE(a, '{}'::jsonb))
                UNION ALL
                SELECT * FROM jsonb_each_text(COALESCE(b, '{}'::jsonb))) AS entries
          GROUP BY key) AS merged
$$;

--
-- Name: analytics_month(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_month(ts timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT date_trunc('month', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
$$;

--
-- Name: analytics_processing_time_ms(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_processing_time_ms(metadata jsonb) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE WHEN jsonb_typeof(metadata -> 'processing_time_ms') = 'number'
                 AND (metadata ->> 'processing_time_ms')::numeric >= 0
                THEN (metadata ->> 'processing_time_ms')::numeric END
$$;

--
-- Name: analytics_quarter_hour(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_quarter_hour(ts timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT date_bin('15 minutes', ts, TIMESTAMPTZ '2000-01-01 00:00:00+00')
$$;

--
-- Name: analytics_top_counts(jsonb, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.analytics_top_counts(counts jsonb, n integer) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT COALESCE(jsonb_agg(jsonb_build_object('credential_type', key, 'credentials_issued', total)
                              ORDER BY total DESC, key), '[]'::jsonb)
    FROM (SELECT key, value::numeric AS total FROM jsonb_each_text(COALESCE(counts, '{}'::jsonb))
          ORDER BY value::numeric DESC, key LIMIT n) AS top
$$;

--
-- Name: analytics_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.analytics_events (
    id bigint NOT NULL,
    event_id character varying(128),
    event_type character varying(50) NOT NULL,
    institution_id bigint NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    metadata jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    import_id bigint DEFAULT 0 NOT NULL,
    CONSTRAINT analytics_events_event_type_format CHECK (((event_type)::text ~ '^[a-z][a-z0-9_]{0,49}$'::text)),
    CONSTRAINT analytics_events_institution_positive CHECK ((institution_id > 0))
)
PARTITION BY RANGE (issued_at);

--
-- Name: COLUMN analytics_events.issued_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.analytics_events.issued_at IS 'When the event happened (occurred_at in the API); the partition key.';

--
-- Name: COLUMN analytics_events.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.analytics_events.created_at IS 'When the event was stored.';

--
-- Name: COLUMN analytics_events.import_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.analytics_events.import_id IS 'The import that brought the event (imports.id), or 0 for live ingest.';

--
-- Name: analytics_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.analytics_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: analytics_events_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.analytics_events_id_seq OWNED BY public.analytics_events.id;

--
-- Name: api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_keys (
    id bigint NOT NULL,
    key_hash bytea NOT NULL,
    key_prefix character varying(32) NOT NULL,
    kind character varying(16) NOT NULL,
    institution_id bigint,
    scopes text[] DEFAULT '{}'::text[] NOT NULL,
    events_per_second integer,
    requests_per_second integer,
    description character varying(200),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT api_keys_institution_of_kind CHECK (((((kind)::text = 'admin'::text) AND (institution_id IS NULL)) OR (((kind)::text = 'institution'::text) AND (institution_id > 0)))),
    CONSTRAINT api_keys_key_hash_sha256 CHECK ((octet_length(key_hash) = 32)),
    CONSTRAINT api_keys_kind CHECK (((kind)::text = ANY ((ARRAY['institution'::character varying, 'admin'::character varying])::text[]))),
    CONSTRAINT api_keys_limits_positive CHECK ((((events_per_second IS NULL) OR (events_per_second > 0)) AND ((requests_per_second IS NULL) OR (requests_per_second > 0)))),
    CONSTRAINT api_keys_scopes CHECK ((scopes <@ ARRAY['ingest'::text, 'read'::text, 'import'::text]))
);

--
-- Name: api_keys_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.api_keys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: api_keys_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.api_keys_id_seq OWNED BY public.api_keys.id;

--
-- Name: daily_credential_types; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.daily_credential_types (
    institution_id bigint NOT NULL,
    day timestamp with time zone NOT NULL,
    credential_type text NOT NULL,
    credentials_issued bigint NOT NULL,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: daily_event_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.daily_event_counts (
    institution_id bigint NOT NULL,
    day timestamp with time zone NOT NULL,
    event_type character varying(50) NOT NULL,
    events bigint NOT NULL,
    processing_time_ms_sum numeric DEFAULT 0 NOT NULL,
    processing_time_count bigint DEFAULT 0 NOT NULL,
    actors public.hll,
    actors_estimate double precision,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: daily_analytics_rollups; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.daily_analytics_rollups AS
 SELECT c.institution_id,
    ((c.day AT TIME ZONE 'UTC'::text))::date AS date,
    (c.credentials_issued)::integer AS credentials_issued,
    (round(COALESCE(public.hll_cardinality(c.recipients), (0)::double precision)))::integer AS unique_recipients,
    (c.views)::integer AS views,
    (c.shares)::integer AS shares,
    (c.events)::integer AS events,
    public.analytics_avg_interval(c.processing_time_ms_sum, c.processing_time_count) AS avg_processing_time,
    public.analytics_top_counts(t.counts, 5) AS top_credential_types,
    c.processing_time_ms_sum,
    c.processing_time_count,
    COALESCE(t.counts, '{}'::jsonb) AS credential_type_counts,
    c.recipients
   FROM (( SELECT daily_event_counts.institution_id,
            daily_event_counts.day,
            COALESCE(sum(daily_event_counts.events) FILTER (WHERE ((daily_event_counts.event_type)::text = 'credential_issued'::text)), (0)::numeric) AS credentials_issued,
            COALESCE(sum(daily_event_counts.events) FILTER (WHERE ((daily_event_counts.event_type)::text = 'credential_viewed'::text)), (0)::numeric) AS views,
            COALESCE(sum(daily_event_counts.events) FILTER (WHERE ((daily_event_counts.event_type)::text = 'credential_shared'::text)), (0)::numeric) AS shares,
            sum(daily_event_counts.events) AS events,
            COALESCE(sum(daily_event_counts.processing_time_ms_sum) FILTER (WHERE ((daily_event_counts.event_type)::text = 'credential_issued'::text)), (0)::numeric) AS processing_time_ms_sum,
            (COALESCE(sum(daily_event_counts.processing_time_count) FILTER (WHERE ((daily_event_counts.event_type)::text = 'credential_issued'::text)), (0)::numeric))::bigint AS processing_time_count,
            public.hll_union_agg(daily_event_counts.actors) FILTER (WHERE ((daily_event_counts.event_type)::text = 'credential_issued'::text)) AS recipients
           FROM public.daily_event_counts
          GROUP BY daily_event_counts.institution_id, daily_event_counts.day) c
     LEFT JOIN ( SELECT daily_credential_types.institution_id,
            daily_credential_types.day,
            jsonb_object_agg(daily_credential_types.credential_type, daily_credential_types.credentials_issued) AS counts
           FROM public.daily_credential_types
          GROUP BY daily_credential_types.institution_id, daily_credential_types.day) t ON (((t.institution_id = c.institution_id) AND (t.day = c.day))));

--
-- Name: VIEW daily_analytics_rollups; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.daily_analytics_rollups IS 'The original design''s daily table (UTC days), derived from daily_event_counts and daily_credential_types.';

--
-- Name: daily_geo; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.daily_geo (
    institution_id bigint NOT NULL,
    day timestamp with time zone NOT NULL,
    location text NOT NULL,
    credentials_issued bigint NOT NULL,
    recipients public.hll,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: expired_raw_partitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.expired_raw_partitions (
    partition text NOT NULL,
    ends timestamp with time zone NOT NULL,
    dropped_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: hourly_credential_types; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hourly_credential_types (
    institution_id bigint NOT NULL,
    hour timestamp with time zone NOT NULL,
    credential_type text NOT NULL,
    credentials_issued bigint NOT NULL,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: hourly_event_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hourly_event_counts (
    institution_id bigint NOT NULL,
    hour timestamp with time zone NOT NULL,
    event_type character varying(50) NOT NULL,
    events bigint NOT NULL,
    processing_time_ms_sum numeric DEFAULT 0 NOT NULL,
    processing_time_count bigint DEFAULT 0 NOT NULL,
    actors public.hll,
    actors_estimate double precision,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: hourly_geo; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hourly_geo (
    institution_id bigint NOT NULL,
    hour timestamp with time zone NOT NULL,
    location text NOT NULL,
    credentials_issued bigint NOT NULL,
    recipients public.hll,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: import_chunks; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.import_chunks
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: import_event_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_event_keys (
    institution_id bigint NOT NULL,
    event_id character varying(128) NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    import_id bigint NOT NULL,
    chunk bigint NOT NULL
);

--
-- Name: import_staged_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_staged_events (
    event_id character varying(128),
    event_type character varying(50) NOT NULL,
    institution_id bigint NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    metadata jsonb
);

ALTER TABLE ONLY public.import_staged_events REPLICA IDENTITY FULL;

--
-- Name: imports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.imports (
    id bigint NOT NULL,
    institution_id bigint,
    created_by bigint,
    state text DEFAULT 'running'::text NOT NULL,
    error text,
    parts integer DEFAULT 0 NOT NULL,
    parts_done integer DEFAULT 0 NOT NULL,
    events_read bigint DEFAULT 0 NOT NULL,
    events_queued bigint DEFAULT 0 NOT NULL,
    imported bigint DEFAULT 0 NOT NULL,
    duplicates bigint DEFAULT 0 NOT NULL,
    rejected bigint DEFAULT 0 NOT NULL,
    rejections jsonb DEFAULT '[]'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone,
    CONSTRAINT imports_state CHECK ((state = ANY (ARRAY['running'::text, 'done'::text, 'failed'::text, 'deleted'::text])))
);

--
-- Name: COLUMN imports.events_queued; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.imports.events_queued IS 'Valid events accepted in parts; imported + duplicates of them are applied.';

--
-- Name: imports_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.imports_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: imports_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.imports_id_seq OWNED BY public.imports.id;

--
-- Name: local_daily_event_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.local_daily_event_counts (
    institution_id bigint NOT NULL,
    zone text NOT NULL,
    day date NOT NULL,
    event_type character varying(50) NOT NULL,
    events bigint NOT NULL,
    processing_time_ms_sum numeric DEFAULT 0 NOT NULL,
    processing_time_count bigint DEFAULT 0 NOT NULL,
    actors public.hll,
    actors_estimate double precision,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: local_day_zones; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.local_day_zones (
    zone text NOT NULL,
    registered_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: monthly_credential_types; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.monthly_credential_types (
    institution_id bigint NOT NULL,
    month timestamp with time zone NOT NULL,
    credential_type text NOT NULL,
    credentials_issued bigint NOT NULL,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: monthly_event_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.monthly_event_counts (
    institution_id bigint NOT NULL,
    month timestamp with time zone NOT NULL,
    event_type character varying(50) NOT NULL,
    events bigint NOT NULL,
    processing_time_ms_sum numeric DEFAULT 0 NOT NULL,
    processing_time_count bigint DEFAULT 0 NOT NULL,
    actors public.hll,
    actors_estimate double precision,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: monthly_geo; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.monthly_geo (
    institution_id bigint NOT NULL,
    month timestamp with time zone NOT NULL,
    location text NOT NULL,
    credentials_issued bigint NOT NULL,
    recipients public.hll,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: quarter_hourly_credential_types; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.quarter_hourly_credential_types (
    institution_id bigint NOT NULL,
    quarter_hour timestamp with time zone NOT NULL,
    credential_type text NOT NULL,
    credentials_issued bigint NOT NULL,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: quarter_hourly_event_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.quarter_hourly_event_counts (
    institution_id bigint NOT NULL,
    quarter_hour timestamp with time zone NOT NULL,
    event_type character varying(50) NOT NULL,
    events bigint NOT NULL,
    processing_time_ms_sum numeric DEFAULT 0 NOT NULL,
    processing_time_count bigint DEFAULT 0 NOT NULL,
    actors public.hll,
    actors_estimate double precision,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: quarter_hourly_geo; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.quarter_hourly_geo (
    institution_id bigint NOT NULL,
    quarter_hour timestamp with time zone NOT NULL,
    location text NOT NULL,
    credentials_issued bigint NOT NULL,
    recipients public.hll,
    import_id bigint DEFAULT 0 NOT NULL
);

--
-- Name: rollup_progress; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rollup_progress (
    name text NOT NULL,
    last_id bigint NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: rollup_staged_credential_types; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rollup_staged_credential_types (
    institution_id bigint NOT NULL,
    quarter_hour timestamp with time zone NOT NULL,
    credential_type text NOT NULL,
    credentials_issued bigint NOT NULL,
    import_id bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.rollup_staged_credential_types REPLICA IDENTITY FULL;

--
-- Name: rollup_staged_event_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rollup_staged_event_counts (
    institution_id bigint NOT NULL,
    quarter_hour timestamp with time zone NOT NULL,
    event_type character varying(50) NOT NULL,
    events bigint NOT NULL,
    processing_time_ms_sum numeric NOT NULL,
    processing_time_count bigint NOT NULL,
    actors public.hll NOT NULL,
    import_id bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.rollup_staged_event_counts REPLICA IDENTITY FULL;

--
-- Name: rollup_staged_geo; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rollup_staged_geo (
    institution_id bigint NOT NULL,
    quarter_hour timestamp with time zone NOT NULL,
    location text NOT NULL,
    credentials_issued bigint NOT NULL,
    recipients public.hll NOT NULL,
    import_id bigint DEFAULT 0 NOT NULL
);

ALTER TABLE ONLY public.rollup_staged_geo REPLICA IDENTITY FULL;

--
-- Name: unrolled_days; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.unrolled_days (
    day date NOT NULL,
    written_at timestamp with time zone NOT NULL
);

--
-- Name: analytics_events id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.analytics_events ALTER COLUMN id SET DEFAULT nextval('public.analytics_events_id_seq'::regclass);

--
-- Name: api_keys id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys ALTER COLUMN id SET DEFAULT nextval('public.api_keys_id_seq'::regclass);

--
-- Name: imports id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imports ALTER COLUMN id SET DEFAULT nextval('public.imports_id_seq'::regclass);

--
-- Name: analytics_events analytics_events_event_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.analytics_events
    ADD CONSTRAINT analytics_events_event_id_key UNIQUE (institution_id, event_id, issued_at);

--
-- Name: analytics_events analytics_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.analytics_events
    ADD CONSTRAINT analytics_events_pkey PRIMARY KEY (id, issued_at, institution_id);

--
-- Name: api_keys api_keys_key_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash);

--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);

--
-- Name: daily_credential_types daily_credential_types_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.daily_credential_types
    ADD CONSTRAINT daily_credential_types_pkey PRIMARY KEY (institution_id, day, credential_type, import_id);

--
-- Name: daily_event_counts daily_event_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.daily_event_counts
    ADD CONSTRAINT daily_event_counts_pkey PRIMARY KEY (institution_id, day, event_type, import_id);

--
-- Name: daily_geo daily_geo_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.daily_geo
    ADD CONSTRAINT daily_geo_pkey PRIMARY KEY (institution_id, day, location, import_id);

--
-- Name: expired_raw_partitions expired_raw_partitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.expired_raw_partitions
    ADD CONSTRAINT expired_raw_partitions_pkey PRIMARY KEY (partition);

--
-- Name: hourly_credential_types hourly_credential_types_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hourly_credential_types
    ADD CONSTRAINT hourly_credential_types_pkey PRIMARY KEY (institution_id, hour, credential_type, import_id);

--
-- Name: hourly_event_counts hourly_event_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hourly_event_counts
    ADD CONSTRAINT hourly_event_counts_pkey PRIMARY KEY (institution_id, hour, event_type, import_id);

--
-- Name: hourly_geo hourly_geo_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hourly_geo
    ADD CONSTRAINT hourly_geo_pkey PRIMARY KEY (institution_id, hour, location, import_id);

--
-- Name: import_event_keys import_event_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_event_keys
    ADD CONSTRAINT import_event_keys_pkey PRIMARY KEY (institution_id, event_id, issued_at);

--
-- Name: imports imports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.imports
    ADD CONSTRAINT imports_pkey PRIMARY KEY (id);

--
-- Name: local_daily_event_counts local_daily_event_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.local_daily_event_counts
    ADD CONSTRAINT local_daily_event_counts_pkey PRIMARY KEY (institution_id, zone, day, event_type, import_id);

--
-- Name: local_day_zones local_day_zones_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.local_day_zones
    ADD CONSTRAINT local_day_zones_pkey PRIMARY KEY (zone);

--
-- Name: monthly_credential_types monthly_credential_types_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.monthly_credential_types
    ADD CONSTRAINT monthly_credential_types_pkey PRIMARY KEY (institution_id, month, credential_type, import_id);

--
-- Name: monthly_event_counts monthly_event_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.monthly_event_counts
    ADD CONSTRAINT monthly_event_counts_pkey PRIMARY KEY (institution_id, month, event_type, import_id);

--
-- Name: monthly_geo monthly_geo_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.monthly_geo
    ADD CONSTRAINT monthly_geo_pkey PRIMARY KEY (institution_id, month, location, import_id);

--
-- Name: quarter_hourly_credential_types quarter_hourly_credential_types_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quarter_hourly_credential_types
    ADD CONSTRAINT quarter_hourly_credential_types_pkey PRIMARY KEY (institution_id, quarter_hour, credential_type, import_id);

--
-- Name: quarter_hourly_event_counts quarter_hourly_event_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quarter_hourly_event_counts
    ADD CONSTRAINT quarter_hourly_event_counts_pkey PRIMARY KEY (institution_id, quarter_hour, event_type, import_id);

--
-- Name: quarter_hourly_geo quarter_hourly_geo_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quarter_hourly_geo
    ADD CONSTRAINT quarter_hourly_geo_pkey PRIMARY KEY (institution_id, quarter_hour, location, import_id);

--
-- Name: rollup_progress rollup_progress_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rollup_progress
    ADD CONSTRAINT rollup_progress_pkey PRIMARY KEY (name);

--
-- Name: unrolled_days unrolled_days_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unrolled_days
    ADD CONSTRAINT unrolled_days_pkey PRIMARY KEY (day);

--
-- Name: analytics_events_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX analytics_events_import ON ONLY public.analytics_events USING btree (import_id) WHERE (import_id <> 0);

--
-- Name: daily_credential_types_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX daily_credential_types_import ON public.daily_credential_types USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: daily_event_counts_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX daily_event_counts_import ON public.daily_event_counts USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: daily_event_counts_imported_days; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX daily_event_counts_imported_days ON public.daily_event_counts USING btree (institution_id, day) WHERE (import_id <> 0);

--
-- Name: daily_geo_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX daily_geo_import ON public.daily_geo USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: hourly_credential_types_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hourly_credential_types_import ON public.hourly_credential_types USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: hourly_event_counts_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hourly_event_counts_import ON public.hourly_event_counts USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: hourly_geo_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hourly_geo_import ON public.hourly_geo USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: import_event_keys_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX import_event_keys_import ON public.import_event_keys USING btree (import_id, institution_id);

--
-- Name: local_daily_event_counts_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX local_daily_event_counts_import ON public.local_daily_event_counts USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: monthly_credential_types_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX monthly_credential_types_import ON public.monthly_credential_types USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: monthly_event_counts_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX monthly_event_counts_import ON public.monthly_event_counts USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: monthly_geo_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX monthly_geo_import ON public.monthly_geo USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: quarter_hourly_credential_types_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX quarter_hourly_credential_types_import ON public.quarter_hourly_credential_types USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: quarter_hourly_event_counts_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX quarter_hourly_event_counts_import ON public.quarter_hourly_event_counts USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Name: quarter_hourly_geo_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX quarter_hourly_geo_import ON public.quarter_hourly_geo USING btree (import_id, institution_id) WHERE (import_id <> 0);

--
-- Distribution on Citus
--
-- On plain PostgreSQL every table above is an ordinary table. On a Citus coordinator the
-- migrations place them as listed here: a distributed table is split into shards by its
-- column's hash, and co-located tables keep one institution's rows of every table on the same
-- worker, so per-institution queries and the rollup INSERT ... SELECTs run on one worker; a
-- reference table is copied whole to every node. The daily partitions of analytics_events are
-- distributed as it is. Citus's dump also creates the extensions citus and citus_columnar (V18,
-- for partitions older than retention.columnarAfter), left out above.
-- Generated from the migrations' create_distributed_table and create_reference_table calls;
-- SchemaFileTest checks it against pg_dist_partition on a Citus cluster.
--
-- Distributed by institution_id, co-located with analytics_events:
--   analytics_events
--   daily_credential_types
--   daily_event_counts
--   daily_geo
--   hourly_credential_types
--   hourly_event_counts
--   hourly_geo
--   import_event_keys
--   import_staged_events
--   local_daily_event_counts
--   monthly_credential_types
--   monthly_event_counts
--   monthly_geo
--   quarter_hourly_credential_types
--   quarter_hourly_event_counts
--   quarter_hourly_geo
--   rollup_staged_credential_types
--   rollup_staged_event_counts
--   rollup_staged_geo
--
-- Reference tables (a full copy on every node):
--   api_keys
--   expired_raw_partitions
--   imports
--   local_day_zones
--   rollup_progress
--   unrolled_days
--
-- Local (plain tables on the coordinator only):
--   (none)
