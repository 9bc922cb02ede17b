-- Working-time day totals (docs/design.md §5) computed by PostgreSQL 14 from the raw events alone, as an
-- independent baseline for the streaming job. It follows the rules of WorkerTimeline and
-- SessionReplay for a complete stream: every session is closed, by OFFLINE, by silence, or at its
-- last event.
--
-- The file holds named sections, each starting with a line "-- section: <name>";
-- SqlWorkingTimeBaseline runs them by name. To run the totals by hand in psql, run the
-- create_tables section, load baseline_event, then:
--
--   SET baseline.zone = 'Asia/Shanghai';               -- the hub's zone (an IANA region id)
--   SET baseline.silence_timeout = '600 seconds';     -- a session silent this long is closed
--   SET baseline.stretch_join_gap = '1200 seconds';   -- engaged time closer than this is joined
--
-- and run the working_time_totals section.
--
-- How the state machine of a session becomes set arithmetic:
--   * Online. Replayed in order, a session is online just after any event other than OFFLINE and
--     offline just after an OFFLINE, so it is online just before an event exactly when the
--     previous event exists, is not OFFLINE and is less than the silence timeout ago. An event
--     that is not OFFLINE and finds the session offline opens an episode; the events that find
--     it online belong to the open episode, and the last of them (an OFFLINE, or the last event
--     before a silence or the end) closes it. An episode is therefore [first event, last event].
--   * Tasks. Within an episode, a task (by taskRef) is open just after an ASSIGNED or STARTED and
--     not open just after a COMPLETED or CANCELLED, whatever the event changed. An ASSIGNED or
--     STARTED that finds it not open opens a task episode: assigned then, started at its first
--     STARTED, ended at its first COMPLETED or CANCELLED, or else with the session episode.
--   * Platform and cross-platform state are the maxima of these intervals, so "state >= X" is
--     the union of the intervals of kind X or higher: the union of episodes is online, of
--     [assigned, end) engaged, of [started, end) on task; a task never outlives its episode.
--   * Days are clipped to [local midnight, next local midnight) in the zone, measured exactly
--     (timestamptz has microseconds) and only then rounded down to whole seconds.

-- section: create_tables

-- The raw events as the hub recorded them, copies included. Unlogged: it is scratch data loaded
-- for one computation and rebuilt from the events, so it needs no crash safety.
DROP TABLE IF EXISTS baseline_event;
CREATE UNLOGGED TABLE baseline_event (
  platform    text        NOT NULL,
  event_id    text        NOT NULL,
  worker_ref  text        NOT NULL,
  session_id  text        NOT NULL,
  type        text        NOT NULL CHECK (type IN ('ONLINE', 'OFFLINE', 'TASK_ASSIGNED',
                          'TASK_STARTED', 'TASK_COMPLETED', 'TASK_CANCELLED', 'HEARTBEAT')),
  task_ref    text,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  batch_id    text        NOT NULL
);

-- The exact measure of a set of instants, in seconds with microsecond fraction.
CREATE OR REPLACE FUNCTION baseline_seconds(spans tstzmultirange) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(sum(extract(epoch FROM upper(span) - lower(span))), 0) FROM unnest(spans) AS span
$$;

-- section: working_time_totals

WITH params AS (
  SELECT current_setting('baseline.zone') AS zone,
         current_setting('baseline.silence_timeout')::interval AS silence_timeout,
         current_setting('baseline.stretch_join_gap')::interval AS stretch_join_gap
),
-- (platform, event_id) identifies an event; of its copies the first received (ties by batch id)
-- is the event. Copies are matched within one worker, as each worker's timeline holds its own.
distinct_event AS (
  SELECT DISTINCT ON (worker_ref, platform, event_id)
         worker_ref, platform, session_id, event_id, type, coalesce(task_ref, '') AS task_ref,
         occurred_at,
         CASE type
           WHEN 'ONLINE' THEN 0 WHEN 'TASK_ASSIGNED' THEN 1 WHEN 'TASK_STARTED' THEN 2
           WHEN 'HEARTBEAT' THEN 3 WHEN 'TASK_COMPLETED' THEN 4 WHEN 'TASK_CANCELLED' THEN 5
           ELSE 6 END AS type_rank
  FROM baseline_event
  ORDER BY worker_ref, platform, event_id, received_at, batch_id COLLATE "C"
),
-- Application order within a session: time, the §5 type order, then event id. Whether the
-- session is online just before an event, and just before the next one, come from one pass.
ordered AS (
  SELECT e.*,
         coalesce(lag(e.type) OVER session_order <> 'OFFLINE'
                  AND lag(e.occurred_at) OVER session_order
                      + (SELECT silence_timeout FROM params) > e.occurred_at, false) AS was_online,
         coalesce(e.type <> 'OFFLINE'
                  AND e.occurred_at + (SELECT silence_timeout FROM params)
                      > lead(e.occurred_at) OVER session_order, false) AS next_was_online
  FROM distinct_event e
  WINDOW session_order AS (PARTITION BY worker_ref, platform, session_id
                           ORDER BY occurred_at, type_rank, event_id COLLATE "C")
),
-- An OFFLINE that finds the session offline belongs to no episode and changes nothing; an event
-- of an episode that the next event does not find online closes it.
marked AS (
  SELECT o.*,
         o.type <> 'OFFLINE' AND NOT o.was_online AS opens,
         (o.type <> 'OFFLINE' OR o.was_online) AND NOT o.next_was_online AS closes,
         count(*) FILTER (WHERE o.type <> 'OFFLINE' AND NOT o.was_online) OVER (
           PARTITION BY worker_ref, platform, session_id
           ORDER BY occurred_at, type_rank, event_id COLLATE "C"
           ROWS UNBOUNDED PRECEDING) AS episode
  FROM ordered o
),
-- Only the events that open or close an episode, and task events, matter from here on.
episode_event AS MATERIALIZED (
  SELECT worker_ref, platform, session_id, episode, event_id, type, type_rank, task_ref,
         occurred_at, opens, closes
  FROM marked
  WHERE opens OR closes
     OR type IN ('TASK_ASSIGNED', 'TASK_STARTED', 'TASK_COMPLETED', 'TASK_CANCELLED')
),
episode AS (
  SELECT worker_ref, platform, session_id, episode,
         min(occurred_at) AS opened_at, max(occurred_at) AS closed_at
  FROM episode_event
  WHERE opens OR closes
  GROUP BY worker_ref, platform, session_id, episode
),
task_event AS (
  SELECT t.*,
         coalesce(lag(t.type) OVER task_order IN ('TASK_ASSIGNED', 'TASK_STARTED'), false)
           AS task_was_open
  FROM episode_event t
  WHERE t.type IN ('TASK_ASSIGNED', 'TASK_STARTED', 'TASK_COMPLETED', 'TASK_CANCELLED')
  WINDOW task_order AS (PARTITION BY worker_ref, platform, session_id, episode, task_ref
                        ORDER BY occurred_at, type_rank, event_id COLLATE "C")
),
task_numbered AS (
  SELECT t.*,
         count(*) FILTER (WHERE t.type IN ('TASK_ASSIGNED', 'TASK_STARTED')
                          AND NOT t.task_was_open) OVER (
           PARTITION BY worker_ref, platform, session_id, episode, task_ref
           ORDER BY occurred_at, type_rank, event_id COLLATE "C"
           ROWS UNBOUNDED PRECEDING) AS task_episode
  FROM task_event t
),
-- Ends before a task's first opening (task_episode 0) change nothing. Within a task episode
-- every STARTED precedes its first end: a STARTED after the end opens the next task episode.
task AS (
  SELECT worker_ref, platform, session_id, episode,
         min(occurred_at) AS assigned_at,
         min(occurred_at) FILTER (WHERE type = 'TASK_STARTED') AS started_at,
         min(occurred_at) FILTER (WHERE type IN ('TASK_COMPLETED', 'TASK_CANCELLED')) AS ended_at
  FROM task_numbered
  WHERE task_episode > 0
  GROUP BY worker_ref, platform, session_id, episode, task_ref, task_episode
),
state_span AS (
  SELECT worker_ref, platform, 'online' AS kind, tstzrange(opened_at, closed_at) AS span
  FROM episode
  UNION ALL
  SELECT t.worker_ref, t.platform, k.kind, k.span
  FROM task t
  JOIN episode e USING (worker_ref, platform, session_id, episode)
  CROSS JOIN LATERAL (
    VALUES ('engaged', tstzrange(t.assigned_at, coalesce(t.ended_at, e.closed_at))),
           ('on_task', tstzrange(t.started_at, coalesce(t.ended_at, e.closed_at)))
  ) AS k(kind, span)
  WHERE k.kind = 'engaged' OR t.started_at IS NOT NULL
),
-- A day record exists for every local day within the silence timeout of an event, as the
-- streaming job emits one for every day an event may change; days with no online time are zero.
event_day AS (
  SELECT DISTINCT e.worker_ref,
         ((e.occurred_at - p.silence_timeout) AT TIME ZONE p.zone)::date AS first_day,
         ((e.occurred_at + p.silence_timeout) AT TIME ZONE p.zone)::date AS last_day
  FROM baseline_event e CROSS JOIN params p
),
worker_day AS (
  SELECT DISTINCT d.worker_ref, day::date AS day
  FROM event_day d
  CROSS JOIN LATERAL generate_series(d.first_day, d.last_day, interval '1 day') AS day
),
day_bounds AS (
  SELECT w.worker_ref, w.day,
         tstzrange(w.day::timestamp AT TIME ZONE p.zone,
                   (w.day + 1)::timestamp AT TIME ZONE p.zone) AS bounds
  FROM worker_day w CROSS JOIN params p
),
clipped AS (
  SELECT d.worker_ref, d.day, s.platform, s.kind, s.span * d.bounds AS span
  FROM state_span s
  JOIN day_bounds d ON d.worker_ref = s.worker_ref AND d.bounds && s.span
),
platform_online AS (
  SELECT worker_ref, day, platform, range_agg(span) AS online
  FROM clipped
  WHERE kind = 'online'
  GROUP BY worker_ref, day, platform
),
-- Two or more platforms online: the union of the pairwise intersections.
multi_app AS (
  SELECT a.worker_ref, a.day, range_agg(both_online) AS multi_app
  FROM platform_online a
  JOIN platform_online b
    ON b.worker_ref = a.worker_ref AND b.day = a.day AND a.platform < b.platform
  CROSS JOIN LATERAL unnest(a.online * b.online) AS both_online
  GROUP BY a.worker_ref, a.day
),
platform_sum AS (
  SELECT worker_ref, day, sum(baseline_seconds(online)) AS platform_sum
  FROM platform_online
  GROUP BY worker_ref, day
),
worker_state AS (
  SELECT worker_ref, day,
         range_agg(span) FILTER (WHERE kind = 'online') AS online,
         range_agg(span) FILTER (WHERE kind = 'engaged') AS engaged,
         range_agg(span) FILTER (WHERE kind = 'on_task') AS on_task
  FROM clipped
  GROUP BY worker_ref, day
),
-- Engaged pieces of the day closer than the join gap form one stretch; a gap of exactly the join
-- gap is a break.
engaged_piece AS (
  SELECT w.worker_ref, w.day, lower(piece) AS from_at, upper(piece) AS to_at
  FROM worker_state w
  CROSS JOIN LATERAL unnest(w.engaged) AS piece
),
stretch_break AS (
  SELECT g.*,
         coalesce(lag(g.to_at) OVER piece_order + p.stretch_join_gap > g.from_at, false)
           AS joins_previous
  FROM engaged_piece g CROSS JOIN params p
  WINDOW piece_order AS (PARTITION BY worker_ref, day ORDER BY from_at)
),
stretch_numbered AS (
  SELECT b.*,
         count(*) FILTER (WHERE NOT b.joins_previous) OVER (
           PARTITION BY worker_ref, day ORDER BY from_at ROWS UNBOUNDED PRECEDING) AS stretch
  FROM stretch_break b
),
longest_stretch AS (
  SELECT worker_ref, day, max(stretch_seconds) AS longest_stretch
  FROM (SELECT worker_ref, day, extract(epoch FROM max(to_at) - min(from_at)) AS stretch_seconds
        FROM stretch_numbered
        GROUP BY worker_ref, day, stretch) AS stretch
  GROUP BY worker_ref, day
)
SELECT d.worker_ref,
       d.day,
       floor(baseline_seconds(w.online))::bigint AS online_seconds,
       floor(baseline_seconds(w.engaged))::bigint AS engaged_seconds,
       floor(baseline_seconds(w.on_task))::bigint AS on_task_seconds,
       floor(baseline_seconds(m.multi_app))::bigint AS multi_app_seconds,
       floor(coalesce(s.platform_sum, 0))::bigint AS platform_sum_seconds,
       floor(coalesce(l.longest_stretch, 0))::bigint AS longest_stretch_seconds
FROM worker_day d
LEFT JOIN worker_state w USING (worker_ref, day)
LEFT JOIN multi_app m USING (worker_ref, day)
LEFT JOIN platform_sum s USING (worker_ref, day)
LEFT JOIN longest_stretch l USING (worker_ref, day)
ORDER BY d.worker_ref, d.day
