-- Raises a counter to at least a floor, never lowering it (reseeding after Redis lost its data).
-- KEYS[1] the counter; ARGV[1] floor
-- Returns the counter's value afterwards.
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local floor = tonumber(ARGV[1])
if current < floor then
    redis.call('SET', KEYS[1], ARGV[1])
    return floor
end
return current
