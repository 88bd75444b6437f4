#!/bin/sh
# Makes the archive's bucket with object lock and a user that may use that bucket alone.
set -eu
: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${ARCHIVE_S3_ACCESS_KEY:?}" "${ARCHIVE_S3_SECRET_KEY:?}"
bucket="${ARCHIVE_S3_BUCKET:-archive}"
mc alias set store "${MINIO_URL:-http://minio:9000}" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing --with-lock "store/$bucket"
policy=$(mktemp)
cat > "$policy" <<JSON
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:GetBucketObjectLockConfiguration",
             "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectRetention",
             "s3:PutObjectRetention", "s3:GetObjectLegalHold", "s3:PutObjectLegalHold"],
  "Resource": ["arn:aws:s3:::$bucket", "arn:aws:s3:::$bucket/*"]}]}
JSON
mc admin policy create store archive-node "$policy" 2>/dev/null || true
mc admin user add store "$ARCHIVE_S3_ACCESS_KEY" "$ARCHIVE_S3_SECRET_KEY"
mc admin policy attach store archive-node --user "$ARCHIVE_S3_ACCESS_KEY" 2>/dev/null || true
