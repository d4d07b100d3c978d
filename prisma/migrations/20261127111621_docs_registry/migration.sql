-- CreateEnum
CREATE TYPE "doc_system_type" AS ENUM ('API', 'WEBAPP', 'DOCS', 'TOOL', 'SUBGRAPH');

-- CreateEnum
CREATE TYPE "doc_system_status" AS ENUM ('ONLINE', 'DEGRADED', 'OFFLINE', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "doc_idea_status" AS ENUM ('BACKLOG', 'TODO', 'IN_PROGRESS', 'REVIEW', 'DONE');

-- CreateEnum
CREATE TYPE "doc_idea_priority" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'URGENT');

-- AlterTable
ALTER TABLE "system_entries" ADD COLUMN     "built_in" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "checked_at" TIMESTAMPTZ(3),
ADD COLUMN     "host" TEXT,
ADD COLUMN     "port" INTEGER,
ADD COLUMN     "response_time_ms" DOUBLE PRECISION,
ADD COLUMN     "status" "doc_system_status" NOT NULL DEFAULT 'UNKNOWN',
ADD COLUMN     "status_changed_at" TIMESTAMPTZ(3),
ADD COLUMN     "status_detail" TEXT,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "type" "doc_system_type" NOT NULL DEFAULT 'TOOL',
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" TEXT;

-- Systems registered before this migration keep their rows: they read as external tools, last changed
-- when registered, with host and port taken from their URL (scheme default when the URL names none).
UPDATE "system_entries" SET "updated_at" = "created_at";
UPDATE "system_entries" SET
  "host" = substring("url" from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]*@)?(\[[^]]*\]|[^:/?#]+)'),
  "port" = COALESCE(
    substring("url" from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]*@)?(?:\[[^]]*\]|[^:/?#]+):([0-9]{1,5})')::INTEGER,
    CASE WHEN "url" ILIKE 'https:%' THEN 443 WHEN "url" ILIKE 'http:%' THEN 80 END)
WHERE "url" IS NOT NULL;

-- CreateTable
CREATE TABLE "system_checks" (
    "id" UUID NOT NULL,
    "system_id" TEXT NOT NULL,
    "status" "doc_system_status" NOT NULL,
    "response_time_ms" DOUBLE PRECISION,
    "detail" TEXT,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "system_checks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "doc_ideas" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" "doc_idea_status" NOT NULL,
    "position" INTEGER NOT NULL,
    "category" TEXT,
    "priority" "doc_idea_priority" NOT NULL,
    "assignee" TEXT,
    "system_id" TEXT,
    "estimated_hours" DOUBLE PRECISION,
    "actual_hours" DOUBLE PRECISION,
    "due_date" DATE,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "doc_ideas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "doc_board_locks" (
    "id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "doc_board_locks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "doc_files" (
    "id" UUID NOT NULL,
    "original_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "public" BOOLEAN NOT NULL,
    "downloads" INTEGER NOT NULL DEFAULT 0,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL,
    "idea_id" UUID,
    "system_id" TEXT,
    "attached_at" TIMESTAMPTZ(3),

    CONSTRAINT "doc_files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "system_checks_system_id_checked_at_idx" ON "system_checks"("system_id", "checked_at");

-- CreateIndex
CREATE INDEX "system_checks_checked_at_idx" ON "system_checks"("checked_at");

-- CreateIndex
CREATE INDEX "doc_ideas_status_position_idx" ON "doc_ideas"("status", "position");

-- CreateIndex
CREATE INDEX "doc_ideas_system_id_idx" ON "doc_ideas"("system_id");

-- CreateIndex
CREATE INDEX "doc_files_idea_id_idx" ON "doc_files"("idea_id");

-- CreateIndex
CREATE INDEX "doc_files_system_id_idx" ON "doc_files"("system_id");

-- CreateIndex
CREATE INDEX "doc_files_attached_at_uploaded_at_idx" ON "doc_files"("attached_at", "uploaded_at");

-- AddForeignKey
ALTER TABLE "system_checks" ADD CONSTRAINT "system_checks_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "system_entries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "doc_ideas" ADD CONSTRAINT "doc_ideas_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "system_entries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "doc_files" ADD CONSTRAINT "doc_files_idea_id_fkey" FOREIGN KEY ("idea_id") REFERENCES "doc_ideas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "doc_files" ADD CONSTRAINT "doc_files_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "system_entries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
