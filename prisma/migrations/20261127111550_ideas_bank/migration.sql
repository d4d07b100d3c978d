-- Ideas: the idea bank (issue 8). The prototype's rows (title/body/symbol/tags) are carried over into the
-- new table: category "Geral", status NEW, priority MEDIUM, description = body.

-- CreateEnum
CREATE TYPE "idea_status" AS ENUM ('NEW', 'REVIEW', 'IN_PROGRESS', 'COMPLETED', 'REJECTED');

-- CreateEnum (lowest first: PostgreSQL orders enum values by declaration)
CREATE TYPE "idea_priority" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "idea_change_kind" AS ENUM ('CREATED', 'UPDATED', 'DELETED');

-- The prototype's table is set aside, carried over below, then dropped.
ALTER TABLE "ideas" RENAME TO "ideas_v0";
ALTER TABLE "ideas_v0" RENAME CONSTRAINT "ideas_pkey" TO "ideas_v0_pkey";
DROP INDEX "ideas_symbol_idx";
DROP INDEX "ideas_author_id_idx";

-- CreateTable
CREATE TABLE "idea_categories" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "icon" TEXT,
    "sort_order" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "idea_categories_pkey" PRIMARY KEY ("id")
);

-- CreateTable. `search` is generated from title (weight A) and description (weight B) with the
-- Portuguese dictionary; the explicit regconfig makes to_tsvector immutable, as a generated column needs.
CREATE TABLE "ideas" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category_id" UUID NOT NULL,
    "priority" "idea_priority" NOT NULL,
    "status" "idea_status" NOT NULL,
    "tags" TEXT[],
    "ticker" TEXT,
    "signal_id" UUID,
    "author_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,
    "search" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('portuguese'::regconfig, coalesce("title", '')), 'A') ||
        setweight(to_tsvector('portuguese'::regconfig, coalesce("description", '')), 'B')
    ) STORED,

    CONSTRAINT "ideas_pkey" PRIMARY KEY ("id")
);

-- CreateTable (no foreign key to ideas: the history outlives a deleted idea)
CREATE TABLE "idea_changes" (
    "id" UUID NOT NULL,
    "idea_id" UUID NOT NULL,
    "kind" "idea_change_kind" NOT NULL,
    "field" TEXT,
    "from_value" JSONB,
    "to_value" JSONB,
    "actor_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "idea_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "idea_categories_name_key" ON "idea_categories"("name");

-- CreateIndex
CREATE UNIQUE INDEX "idea_categories_slug_key" ON "idea_categories"("slug");

-- CreateIndex
CREATE INDEX "idea_changes_idea_id_at_idx" ON "idea_changes"("idea_id", "at");

-- CreateIndex
CREATE INDEX "ideas_created_at_id_idx" ON "ideas"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ideas_updated_at_id_idx" ON "ideas"("updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ideas_priority_created_at_id_idx" ON "ideas"("priority" DESC, "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ideas_status_idx" ON "ideas"("status");

-- CreateIndex
CREATE INDEX "ideas_category_id_idx" ON "ideas"("category_id");

-- CreateIndex
CREATE INDEX "ideas_ticker_idx" ON "ideas"("ticker");

-- CreateIndex
CREATE INDEX "ideas_author_id_idx" ON "ideas"("author_id");

-- CreateIndex
CREATE INDEX "ideas_tags_idx" ON "ideas" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "ideas_search_idx" ON "ideas" USING GIN ("search");

-- AddForeignKey
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "idea_categories"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Default categories, so a new user can file an idea at once. Fixed ids: tests and docs may name them.
INSERT INTO "idea_categories" ("id", "name", "slug", "color", "icon", "sort_order", "active", "created_at", "updated_at", "updated_by") VALUES
    ('1dea0000-0000-4000-8000-000000000001', 'Geral',      'geral',      '#64748B', 'inbox',      0,  true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'migration'),
    ('1dea0000-0000-4000-8000-000000000002', 'Estratégia', 'estrategia', '#2563EB', 'target',     10, true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'migration'),
    ('1dea0000-0000-4000-8000-000000000003', 'Análise',    'analise',    '#16A34A', 'chart-line', 20, true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'migration'),
    ('1dea0000-0000-4000-8000-000000000004', 'Risco',      'risco',      '#DC2626', 'shield',     30, true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'migration'),
    ('1dea0000-0000-4000-8000-000000000005', 'Infra',      'infra',      '#7C3AED', 'server',     40, true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'migration');

-- Carry the prototype's ideas over. Its ids were Prisma uuid() strings; anything else gets a new id.
-- An empty body becomes the title (a description is required now); both are cut to the new limits.
INSERT INTO "ideas" ("id", "title", "description", "category_id", "priority", "status", "tags", "ticker", "signal_id", "author_id", "created_at", "updated_at", "version")
SELECT
    CASE WHEN "id" ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN "id"::uuid ELSE gen_random_uuid() END,
    left(btrim("title"), 200),
    left(coalesce(nullif(btrim("body"), ''), btrim("title")), 2000),
    '1dea0000-0000-4000-8000-000000000001',
    'MEDIUM',
    'NEW',
    coalesce("tags", ARRAY[]::TEXT[]),
    nullif(upper(btrim("symbol")), ''),
    NULL,
    "author_id",
    "created_at",
    "updated_at",
    1
FROM "ideas_v0";

-- Their history starts with the carry-over.
INSERT INTO "idea_changes" ("id", "idea_id", "kind", "field", "from_value", "to_value", "actor_id", "at", "version")
SELECT gen_random_uuid(), "id", 'CREATED', NULL, NULL, NULL, "author_id", "created_at", 1 FROM "ideas";

DROP TABLE "ideas_v0";
