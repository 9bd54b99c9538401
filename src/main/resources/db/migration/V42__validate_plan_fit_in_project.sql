-- Checks the existing plans against V41's key, under a lock that lets new plans in (SHARE UPDATE EXCLUSIVE).
ALTER TABLE plan VALIDATE CONSTRAINT plan_fit_in_project_fkey;
