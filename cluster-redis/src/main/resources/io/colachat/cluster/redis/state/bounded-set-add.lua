-- Adds a member to a set unless the set is full, atomically.
-- KEYS[1] the set (hash: member -> owner node id, '' when untagged), KEYS[2] the owner's index
-- (set of the set names it owns members in; unused when untagged)
-- ARGV[1] member, ARGV[2] capacity, ARGV[3] owner ('' for none), ARGV[4] the set's name
-- Returns 'ADDED', 'ALREADY_MEMBER' (counted once: never FULL for a member) or 'FULL'.
local owner = redis.call('HGET', KEYS[1], ARGV[1])
if owner then
    if ARGV[3] ~= '' and owner ~= ARGV[3] then
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
        redis.call('SADD', KEYS[2], ARGV[4])
    end
    return 'ALREADY_MEMBER'
end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[2]) then
    return 'FULL'
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
if ARGV[3] ~= '' then
    redis.call('SADD', KEYS[2], ARGV[4])
end
return 'ADDED'
