-- 盘点: what the shelves should hold, taken when the inventory starts, box by box; each line is
-- checked off when its label is scanned, and what is neither found nor out on loan when the
-- inventory closes is recorded missing. Lines keep the dossier's level and department, so lists
-- and counts are confined to their reader as registers are.
create sequence inventory_number_seq;

create table inventory (
    id uuid primary key,
    number text not null unique,
    room text,
    status text not null check (status in ('OPEN', 'CLOSED')),
    started_at timestamptz not null,
    started_by text not null,
    closed_at timestamptz,
    closed_by text,
    version bigint not null default 0
);
create unique index inventory_one_open_per_room on inventory (coalesce(room, '')) where status = 'OPEN';

create table inventory_line (
    inventory_id uuid not null references inventory (id),
    dossier_id uuid not null,
    archival_code text not null,
    room text not null,
    shelf text not null,
    box text not null,
    security_level text not null,
    department text not null,
    on_loan text,
    found_at timestamptz,
    found_by text,
    missing boolean not null default false,
    primary key (inventory_id, dossier_id)
);
create index inventory_line_box on inventory_line (inventory_id, room, shelf, box);
create index inventory_line_code on inventory_line (inventory_id, archival_code);
