-- Claims the takeover of a dead node's state. At most one live node holds a claim at a time.
-- KEYS[1] the registry, KEYS[2] the dead node's lease, KEYS[3] the dead node's takeover key,
-- KEYS[4] the claimer's lease
-- ARGV[1] dead node id, ARGV[2] claimer id, ARGV[3] key prefix
-- Returns 'CLAIMED' (also when the claimer holds it already), 'CLAIMED_BY_OTHER' (a live node
-- holds it), 'ALIVE' (the node's lease is live), 'UNKNOWN' (not registered: never was, or its
-- takeover completed) or 'LEASE_LOST' (the claimer is not alive itself).
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
    return 'UNKNOWN'
end
if redis.call('EXISTS', KEYS[2]) == 1 then
    return 'ALIVE'
end
if redis.call('EXISTS', KEYS[4]) == 0 then
    return 'LEASE_LOST'
end
local owner = redis.call('GET', KEYS[3])
if owner == ARGV[2] then
    return 'CLAIMED'
end
-- A claimer that died before completing loses its claim to the next live node.
if owner and redis.call('EXISTS', ARGV[3] .. 'lease:' .. owner) == 1 then
    return 'CLAIMED_BY_OTHER'
end
redis.call('SET', KEYS[3], ARGV[2])
return 'CLAIMED'
