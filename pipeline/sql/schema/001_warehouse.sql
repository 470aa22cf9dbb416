-- Persistent tables: what ingestion writes. Everything in staging, core and
-- marts is rebuilt from these by `transform`, so these are the only tables
-- whose loss would lose data.

create schema if not exists raw;
create schema if not exists audit;
create schema if not exists staging;
create schema if not exists core;
create schema if not exists marts;

create sequence if not exists audit.file_id_seq start 1;
create sequence if not exists audit.run_id_seq start 1;

-- Every file the pipeline loaded. A file is identified by its content hash;
-- path, size and mtime let a re-run skip re-hashing unchanged files.
create table if not exists audit.files (
    file_id          integer primary key,
    content_hash     varchar not null unique,
    path             varchar not null,
    size_bytes       bigint not null,
    mtime_ns         bigint not null,
    adapter          varchar not null,
    platform         varchar,
    report_type      varchar not null,   -- attendance | registration | catalogue
    layout           varchar,
    encoding         varchar,
    delimiter        varchar,
    generated_at     timestamp,          -- when the platform wrote the report (UTC)
    webinar_keys     varchar[],
    rows_read        integer not null,   -- data rows (not preamble, headers, markers)
    rows_kept        integer not null,
    rows_rejected    integer not null,
    notes            varchar[],
    loaded_at        timestamp not null, -- UTC
    pipeline_version varchar not null
);

-- Which loaded file is the current one for each webinar, report type and
-- part: a re-exported report replaces the older one instead of adding to it,
-- while the parts of a restarted Teams meeting (one report each) add up.
-- part is '' when the report has none, so that it can be in the primary key.
-- (A database made before parts existed is rebuilt into this shape by
-- pipeline/sql/migrations/active_reports_part.sql.)
create table if not exists audit.active_reports (
    webinar_key  varchar not null,
    report_type  varchar not null,
    part         varchar not null default '',
    file_id      integer not null,
    primary key (webinar_key, report_type, part)
);

-- Last seen size and mtime of each path, so a re-run with nothing new reads
-- no file's bytes (git's index trick).
create table if not exists audit.file_stats (
    path         varchar primary key,
    size_bytes   bigint not null,
    mtime_ns     bigint not null,
    content_hash varchar not null
);

create table if not exists audit.rejected_rows (
    file_id      integer not null,
    line_number  integer not null,
    reason       varchar not null
);

-- Files that could not be used at all, as of the latest ingest. Retried on
-- every run (a newer adapter may read them), reported every run.
create table if not exists audit.unreadable_files (
    path         varchar not null,
    content_hash varchar,
    reason       varchar not null,
    seen_at      timestamp not null
);

create table if not exists audit.runs (
    run_id         integer primary key,
    command        varchar not null,
    started_at     timestamp not null,
    finished_at    timestamp,
    files_new      integer,
    files_skipped  integer,
    files_failed   integer,
    as_of          date,
    status         varchar not null
);

-- The file exactly as read: every row's cells as text, preamble included, as a
-- JSON array of strings (from_json(cells, '["varchar"]') gives the list back;
-- a DuckDB list column cost four times as much to load). Compressed with zstd:
-- every line is unique text, which DuckDB's default string compression spent a
-- third of a large first load's commits analysing, for a larger file (README,
-- "Performance").
create table if not exists raw.lines (
    file_id      integer not null,
    line_number  integer not null,
    cells        json using compression zstd not null
);

create table if not exists raw.webinars (
    file_id             integer not null,
    webinar_key         varchar not null,
    platform            varchar not null,
    platform_webinar_id varchar,
    title               varchar,
    start_at            timestamp,
    duration_minutes    double,
    start_is_actual     boolean,
    start_text          varchar,
    timezone            varchar,
    part                varchar             -- restart part (Teams: actual start); NULL = none
);

create table if not exists raw.registrations (
    file_id          integer not null,
    line_number      integer not null,
    webinar_key      varchar not null,
    email            varchar,
    first_name       varchar,
    last_name        varchar,
    name             varchar,
    registered_at    timestamp,
    registered_text  varchar,
    status           varchar not null,
    status_text      varchar,
    country          varchar,
    organization     varchar,
    sector           varchar,
    job_title        varchar,
    answers          json               -- every other question: {question: answer}
);

create table if not exists raw.sessions (
    file_id      integer not null,
    line_number  integer not null,
    webinar_key  varchar not null,
    role         varchar not null,
    name         varchar,
    email        varchar,
    join_at      timestamp,
    leave_at     timestamp,
    join_text    varchar,
    leave_text   varchar,
    minutes      double,
    country      varchar,
    is_guest     boolean,
    section      varchar
);

-- The webinar catalogue staff keep (catalogue.yaml), replaced whole on change.
create table if not exists raw.catalogue_webinars (
    file_id      integer not null,
    entry_id     integer not null,
    series       varchar,
    title        varchar,
    webinar_date date,
    start_time   varchar,
    platform     varchar,
    platform_id  varchar,
    language     varchar,
    topic        varchar,
    organisers   varchar[]
);

create table if not exists raw.catalogue_speakers (
    file_id      integer not null,
    entry_id     integer not null,
    speaker_no   integer not null,   -- position in the entry's speaker list, from 1
    name         varchar,
    email        varchar,
    organization varchar,
    sector       varchar,
    country      varchar
);


create table if not exists raw.catalogue_series (
    file_id      integer not null,
    name         varchar not null,
    timezone     varchar not null
);

-- Staff decisions for answers the resolvers could not place (issue 4's
-- review loop); they win over everything.
create table if not exists raw.overrides (
    file_id  integer not null,
    line_number integer not null,
    kind     varchar not null,   -- country | sector
    answer   varchar not null,   -- the text as registrants typed it
    value    varchar             -- ISO alpha-3 / sector code; NULL = definitely unknown
);

-- What the current figures and report were built from, so a run with nothing
-- new (same active files, as-of date, settings and pipeline version) can say
-- so and skip rebuilding.
create table if not exists audit.last_build (
    fingerprint  varchar not null,
    built_at     timestamp not null
);
