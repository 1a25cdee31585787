-- Takes a node's lease for the first time.
-- KEYS[1] the node's lease, KEYS[2] the registry (sorted set: node id -> last renewal, ms),
-- KEYS[3] the node's takeover key
-- ARGV[1] node id, ARGV[2] lease token, ARGV[3] ttl (ms)
-- Returns 'ACQUIRED', or 'CONFLICT' when the id is known already (alive, dead or being taken
-- over): a node id is used once, or a new process could be mistaken for a dead one.
if redis.call('ZSCORE', KEYS[2], ARGV[1]) or redis.call('EXISTS', KEYS[1]) == 1
        or redis.call('EXISTS', KEYS[3]) == 1 then
    return 'CONFLICT'
end
local t = redis.call('TIME')
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', KEYS[2], t[1] * 1000 + math.floor(t[2] / 1000), ARGV[1])
return 'ACQUIRED'
