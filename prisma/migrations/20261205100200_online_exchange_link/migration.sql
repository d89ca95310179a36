-- Online exchange sends the passholder to a web address: it must be a secure (https) link. Existing rows are left
-- as they are (NOT VALID); every new or changed advantage is held to it.
ALTER TABLE "Advantage" ADD CONSTRAINT "Advantage_online_url_https"
  CHECK (NOT "onlineExchange" OR "onlineUrl" ~ '^https://[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}(:[0-9]+)?(/[^[:space:]]*)?$') NOT VALID;
