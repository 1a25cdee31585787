-- Ends a takeover: the dead node is forgotten, so nobody can claim it again.
-- KEYS[1] the registry, KEYS[2] the dead node's takeover key
-- ARGV[1] dead node id, ARGV[2] claimer id
-- Returns 1 when completed, 0 when the claimer did not hold the claim.
if redis.call('GET', KEYS[2]) ~= ARGV[2] then
    return 0
end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
